package dev.docserve.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Writes files so that a reader never sees half of one: the bytes go to a temporary file in the
 * same folder, are forced to disk, and the temporary file is renamed over the target. A crash at
 * any moment leaves either the old file or the new one (plus, at worst, a stray {@code .tmp}).
 */
public final class AtomicFiles {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_BITS = PosixFilePermissions.fromString("rwx------");

    private AtomicFiles() {
    }

    public static void writeJson(Path target, Object value, boolean ownerOnly) {
        try {
            write(target, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(value), ownerOnly);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + value.getClass().getSimpleName(), e);
        }
    }

    public static void write(Path target, byte[] content, boolean ownerOnly) {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() + "."
                + Long.toHexString(System.nanoTime()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                if (ownerOnly) {
                    restrictToOwner(tmp);
                }
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (FileAlreadyExistsException e) {
            throw new UncheckedIOException("temporary file collision at " + tmp, e);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /**
     * Creates a folder doc-serve owns (state dir, shared home, data and log dirs) and takes the group and
     * other permissions off it (0700 when new), so
     * nothing below it (indexes, job records, logs) is readable by other users whatever the umask made
     * of the files. Parents it has to create keep the default mode: they are not doc-serve's.
     * Tightening an existing folder that belongs to someone else fails; that is left to its owner.
     */
    public static Path createOwnerOnlyDirectory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (isPosix(dir)) {
            try {
                // Take group and other bits away; never add owner bits (a folder made read-only stays so).
                Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(dir);
                if (permissions.retainAll(OWNER_BITS)) {
                    Files.setPosixFilePermissions(dir, permissions);
                }
            } catch (IOException e) {
                // Not ours to change (e.g. a mounted volume owned by another user): its owner decides.
            }
        }
        return dir;
    }

    private static void restrictToOwner(Path file) throws IOException {
        // On a file system without POSIX permissions (Windows) the folder's ACLs decide.
        if (isPosix(file)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }

    /** Whether owner-only permission bits can be set on files beside {@code path}. */
    public static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The stray temp file is harmless; the original error is what the caller needs.
        }
    }
}
