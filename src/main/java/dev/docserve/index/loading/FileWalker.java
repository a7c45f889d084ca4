package dev.docserve.index.loading;

import dev.docserve.corpus.IndexRequest;
import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks one folder and lists the files to index.
 *
 * <p>Symlinks are followed only while they stay inside the folder: each entry is resolved to its real
 * path, and one outside the folder's real path is skipped, so a link to {@code /} or {@code ~} cannot
 * pull the whole disk in. Loops are detected by the JDK walker ({@link FileSystemLoopException}) and a
 * file reachable through several links is listed once, under its real path. FIFOs, sockets and devices
 * are skipped without being opened (opening a FIFO blocks until a writer appears), and so are folders
 * on kernel file systems such as /proc and /sys, whose regular-looking files can block or never end.
 */
public final class FileWalker {

    /** Text files above this size are almost always generated data, not documentation. */
    public static final long MAX_TEXT_BYTES = 4L * 1024 * 1024;
    /** PDFs carry images and fonts, so their limit is larger than that of text files. */
    public static final long MAX_PDF_BYTES = 64L * 1024 * 1024;

    /** Kernel file systems: their "files" are kernel state, and some (/proc/kmsg, trace_pipe) block when read. */
    static final Set<String> PSEUDO_FILE_SYSTEMS = Set.of("proc", "sysfs", "devtmpfs", "devpts", "debugfs", "tracefs",
            "securityfs", "cgroup", "cgroup2", "pstore", "bpf", "configfs", "fusectl", "mqueue", "efivarfs",
            "binfmt_misc", "autofs", "rpc_pipefs", "nsfs", "hugetlbfs");

    /** The most bytes read from a file of this language. */
    public static long sizeLimit(String language) {
        return "pdf".equals(language) ? MAX_PDF_BYTES : MAX_TEXT_BYTES;
    }

    public WalkResult walk(IndexRequest request) throws IOException {
        Path root = request.folder().toRealPath();
        if (!Files.isDirectory(root)) {
            throw new IOException("not a directory: " + request.folder());
        }
        Visitor visitor = new Visitor(root, new FileSelector(request), IgnoreRules.forFolder(root));
        int depth = request.recursive() ? Integer.MAX_VALUE : 1;
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), depth, visitor);
        visitor.files.sort(Comparator.comparing(CandidateFile::folderPath));
        return new WalkResult(visitor.files, visitor.skipped);
    }

    private static final class Visitor extends SimpleFileVisitor<Path> {
        private final Path root;
        private final FileSelector selector;
        private final IgnoreRules ignoreRules;
        private final List<CandidateFile> files = new ArrayList<>();
        private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        private final Set<Path> seen = new HashSet<>();
        private final Map<Object, Boolean> pseudoDevices = new HashMap<>();

        Visitor(Path root, FileSelector selector, IgnoreRules ignoreRules) {
            this.root = root;
            this.selector = selector;
            this.ignoreRules = ignoreRules;
        }

        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            Optional<Path> real = realPathInside(dir);
            if (real.isEmpty() || !seen.add(real.get())) {
                count(SkipReason.LINK_OUT_OF_TREE_OR_SEEN);
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (onPseudoFileSystem(real.get())) {
                count(SkipReason.PSEUDO_FILE_SYSTEM);
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!selector.shouldEnter(relative(real.get()))) {
                return FileVisitResult.SKIP_SUBTREE;
            }
            if (!real.get().equals(root) && ignoreRules.isIgnored(real.get(), true)) {
                count(SkipReason.IGNORED);
                return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
            if (attrs.isDirectory()) {
                // Only reached at the depth limit of a non-recursive walk.
                return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
                count(SkipReason.NOT_A_REGULAR_FILE);
                return FileVisitResult.CONTINUE;
            }
            Optional<Path> real = realPathInside(file);
            if (real.isEmpty() || !seen.add(real.get())) {
                count(SkipReason.LINK_OUT_OF_TREE_OR_SEEN);
                return FileVisitResult.CONTINUE;
            }
            String relative = relative(real.get());
            if (ignoreRules.isIgnored(real.get(), false)) {
                count(SkipReason.IGNORED);
                return FileVisitResult.CONTINUE;
            }
            Optional<FileSelector.Selection> selection = selector.select(relative);
            if (selection.isEmpty()) {
                count(SkipReason.NOT_SELECTED);
                return FileVisitResult.CONTINUE;
            }
            if (attrs.size() > sizeLimit(selection.get().language())) {
                count(SkipReason.TOO_LARGE);
                return FileVisitResult.CONTINUE;
            }
            files.add(new CandidateFile(real.get(), relative, selection.get().sourceType(),
                    selection.get().language(), attrs.size(), attrs.lastModifiedTime().toInstant()));
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path file, IOException e) {
            count(e instanceof FileSystemLoopException ? SkipReason.LINK_OUT_OF_TREE_OR_SEEN : SkipReason.UNREADABLE);
            return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult postVisitDirectory(Path dir, IOException e) {
            if (e != null) {
                count(SkipReason.UNREADABLE);
            }
            return FileVisitResult.CONTINUE;
        }

        private Optional<Path> realPathInside(Path path) {
            try {
                Path real = path.toRealPath();
                return real.startsWith(root) ? Optional.of(real) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** Looked up once per device: a mount point is where the file system can change. */
        private boolean onPseudoFileSystem(Path dir) {
            if (!dir.getFileSystem().supportedFileAttributeViews().contains("unix")) {
                return false; // no device numbers to tell mounts apart (not Linux or macOS)
            }
            Object device;
            try {
                device = Files.getAttribute(dir, "unix:dev");
            } catch (IOException e) {
                return false;
            }
            return pseudoDevices.computeIfAbsent(device, d -> {
                try {
                    return PSEUDO_FILE_SYSTEMS.contains(Files.getFileStore(dir).type());
                } catch (IOException e) {
                    return false;
                }
            });
        }

        private String relative(Path real) {
            return root.relativize(real).toString().replace('\\', '/');
        }

        private void count(SkipReason reason) {
            skipped.merge(reason, 1, Integer::sum);
        }
    }
}
