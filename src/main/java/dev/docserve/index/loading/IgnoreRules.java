package dev.docserve.index.loading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The project's own ignore rules, applied the way git applies them, by JGit's {@link IgnoreNode} (the
 * same pattern semantics as git: anchoring, {@code **}, directory-only patterns, negations):
 * <ul>
 * <li>a {@code .gitignore} in any folder from the repository's top level down to the file; the
 *     deepest file that has a matching rule decides, and within one file the last matching rule;</li>
 * <li>a {@code .docserveignore} with the same syntax beside any of them, which decides before the
 *     {@code .gitignore} of its folder (for what the agent should not see but git should keep);</li>
 * <li>the repository's {@code info/exclude} (also of a linked worktree), below every {@code .gitignore}.</li>
 * </ul>
 * A folder that is ignored is never entered, so, as in git, a negation cannot bring back a file under
 * an ignored folder. The user's global excludes file ({@code core.excludesFile}) is not read: it
 * describes one person's editor litter, not the project.
 *
 * <p>Parsed files are cached per folder; {@link #forget} drops a folder's entry when one of its ignore
 * files changes (the watcher does this). Thread-safe.
 */
public final class IgnoreRules {

    public static final String GITIGNORE = ".gitignore";
    public static final String DOCSERVEIGNORE = ".docserveignore";

    /** Where rules apply from: the repository's top level, or the indexed folder outside a repository. */
    private final Path base;
    private final Optional<IgnoreNode> infoExclude;
    private final Map<Path, List<IgnoreNode>> byFolder = new ConcurrentHashMap<>();

    private IgnoreRules(Path base, Optional<IgnoreNode> infoExclude) {
        this.base = base;
        this.infoExclude = infoExclude;
    }

    /** The rules for files under {@code realFolder} (a real, absolute path). */
    public static IgnoreRules forFolder(Path realFolder) {
        for (Path dir = realFolder; dir != null; dir = dir.getParent()) {
            Path dotGit = dir.resolve(".git");
            if (Files.exists(dotGit)) {
                return new IgnoreRules(dir, gitDir(dotGit).flatMap(IgnoreRules::infoExclude));
            }
        }
        return new IgnoreRules(realFolder, Optional.empty());
    }

    /** Whether the file or folder at {@code realPath} is ignored; paths outside the rules' base never are. */
    public boolean isIgnored(Path realPath, boolean isDirectory) {
        if (!realPath.startsWith(base) || realPath.equals(base)) {
            return false;
        }
        for (Path dir = realPath.getParent(); dir != null && dir.startsWith(base); dir = dir.getParent()) {
            String relative = slashes(dir.relativize(realPath));
            for (IgnoreNode node : nodes(dir)) {
                Boolean ignored = node.checkIgnored(relative, isDirectory);
                if (ignored != null) {
                    return ignored;
                }
            }
        }
        if (infoExclude.isPresent()) {
            Boolean ignored = infoExclude.get().checkIgnored(slashes(base.relativize(realPath)), isDirectory);
            return Boolean.TRUE.equals(ignored);
        }
        return false;
    }

    /** Whether {@code fileName} is one of the files that hold rules (a change to it changes what is selected). */
    public static boolean isRulesFile(String fileName) {
        return GITIGNORE.equals(fileName) || DOCSERVEIGNORE.equals(fileName);
    }

    /** Forgets the parsed rules of {@code realDir}, to be read again at the next check. */
    public void forget(Path realDir) {
        byFolder.remove(realDir);
    }

    private List<IgnoreNode> nodes(Path dir) {
        return byFolder.computeIfAbsent(dir, d -> {
            List<IgnoreNode> nodes = new ArrayList<>(2);
            parse(d.resolve(DOCSERVEIGNORE)).ifPresent(nodes::add);
            parse(d.resolve(GITIGNORE)).ifPresent(nodes::add);
            return List.copyOf(nodes);
        });
    }

    private static Optional<IgnoreNode> parse(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        IgnoreNode node = new IgnoreNode();
        try (InputStream in = Files.newInputStream(file)) {
            node.parse(file.toString(), in);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // an unreadable ignore file ignores nothing, as in git
        }
        return node.getRules().isEmpty() ? Optional.empty() : Optional.of(node);
    }

    /** The repository's git dir: {@code .git} itself, or where a worktree's {@code .git} file points. */
    private static Optional<Path> gitDir(Path dotGit) {
        if (Files.isDirectory(dotGit)) {
            return Optional.of(dotGit);
        }
        try {
            String content = Files.readString(dotGit, StandardCharsets.UTF_8).trim();
            if (content.startsWith("gitdir:")) {
                Path dir = dotGit.getParent().resolve(content.substring("gitdir:".length()).trim()).normalize();
                return Optional.of(dir);
            }
        } catch (IOException e) {
            // not a git file we understand: no info/exclude
        }
        return Optional.empty();
    }

    /** {@code info/exclude} lives in the common dir, which a linked worktree names in its {@code commondir} file. */
    private static Optional<IgnoreNode> infoExclude(Path gitDir) {
        Path common = gitDir;
        Path commondir = gitDir.resolve("commondir");
        if (Files.isRegularFile(commondir)) {
            try {
                common = gitDir.resolve(Files.readString(commondir, StandardCharsets.UTF_8).trim()).normalize();
            } catch (IOException e) {
                // fall back to the git dir itself
            }
        }
        return parse(common.resolve("info").resolve("exclude"));
    }

    private static String slashes(Path relative) {
        return relative.toString().replace('\\', '/');
    }
}
