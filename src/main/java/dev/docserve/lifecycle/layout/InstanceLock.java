package dev.docserve.lifecycle.layout;

import dev.docserve.json.AtomicFiles;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The OS-level exclusive lock on {@code doc-serve.lock} that makes a second owner of one state
 * directory impossible. The kernel frees it when the holder dies, even on SIGKILL, so a lock that
 * can be taken proves that whoever left files behind is gone.
 *
 * <p>Two traps of POSIX ({@code fcntl}) locks shape this class, both measured on Linux:
 * <ul>
 * <li>Closing <em>any</em> descriptor of the lock file in the holding process drops the lock. So this
 * class keeps exactly one channel for the life of the lock and nothing else may open the file.</li>
 * <li>The file is deleted on shutdown. A process that opened the old file just before the deletion
 * and is granted the lock right after holds a lock on an unlinked inode, while a third process
 * locks a new file of the same name: two owners. So after locking, an acquirer confirms that the
 * file it holds is still the one at the path (same device and inode, as systemd does), and starts
 * over if not; and the owner deletes the file <em>before</em> it lets go of the lock.</li>
 * </ul>
 *
 * <p>Limits: the inode check reads {@code /proc/self/fd}, so it runs on Linux; elsewhere only the
 * file's presence is checked. Like Lucene's {@code NativeFSLockFactory}, it does not hold on network
 * file systems whose locks are advisory or emulated; keep state directories on a local disk.
 */
public final class InstanceLock implements AutoCloseable {

    private static final int MAX_ATTEMPTS = 20;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path file;
    private final String canonicalName;
    private final FileChannel channel;
    private final FileLock lock;

    private InstanceLock(Path file, FileChannel channel, FileLock lock) throws IOException {
        this.file = file;
        // /proc shows descriptors by their real path, so compare with the real path of the folder.
        this.canonicalName = file.toAbsolutePath().getParent().toRealPath().resolve(file.getFileName()).toString();
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes the lock without waiting.
     *
     * @return the held lock, or empty when another process holds it
     * @throws LockHeldInThisProcessException when this JVM already holds it (a second acquisition
     *         would have to open the file again, which would silently drop the first lock)
     */
    public static Optional<InstanceLock> tryAcquire(Path file) throws IOException {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            FileChannel channel = open(file);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Closing this second channel would drop the lock the JVM already holds; keep it open.
                throw new LockHeldInThisProcessException(file);
            }
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            InstanceLock held = new InstanceLock(file, channel, lock);
            if (held.isStillAtPath()) {
                return Optional.of(held);
            }
            // We locked a file that its previous owner has just unlinked: let go and open the new one.
            lock.release();
            channel.close();
        }
        throw new IOException("the lock file " + file + " kept being replaced while acquiring it");
    }

    private static FileChannel open(Path file) throws IOException {
        Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        return AtomicFiles.isPosix(file)
                ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : FileChannel.open(file, options);
    }

    public Path file() {
        return file;
    }

    /** True while the lock is valid and the file at the path is still the one we locked. */
    public boolean isHeld() {
        return lock.isValid() && isStillAtPath();
    }

    /**
     * Deletes the given files and then the lock file while still holding the lock, then releases it.
     * Deleting before releasing is what keeps a waiting acquirer from locking a file that is about to
     * vanish (it would find the inode gone and start over).
     */
    public void releaseAndDelete(Path... ownedFiles) throws IOException {
        try {
            for (Path owned : ownedFiles) {
                Files.deleteIfExists(owned);
            }
            if (isStillAtPath()) {
                Files.deleteIfExists(file);
            }
        } finally {
            close();
        }
    }

    /** Releases without deleting anything (the lock file stays, harmlessly, for the next owner). */
    @Override
    public void close() throws IOException {
        try {
            if (lock.isValid()) {
                lock.release();
            }
        } finally {
            channel.close();
        }
    }

    private boolean isStillAtPath() {
        Object atPath = fileKey(file);
        if (atPath == null) {
            return false;
        }
        Object held = heldFileKey();
        return held == null || Objects.equals(held, atPath);
    }

    /**
     * The (device, inode) of the file our channel holds, found through the one descriptor of this
     * process whose link names the lock file; {@code null} where {@code /proc} is not available.
     */
    private Object heldFileKey() {
        Path fds = Path.of("/proc/self/fd");
        if (!Files.isDirectory(fds)) {
            return null;
        }
        try (Stream<Path> entries = Files.list(fds)) {
            return entries.filter(fd -> linksTo(fd, canonicalName))
                    .map(InstanceLock::fileKey)
                    .filter(Objects::nonNull)
                    .findFirst()
                    .orElse(Boolean.FALSE);
        } catch (IOException e) {
            return null;
        }
    }

    private static boolean linksTo(Path fd, String target) {
        try {
            String link = Files.readSymbolicLink(fd).toString();
            return link.equals(target) || link.equals(target + " (deleted)");
        } catch (IOException e) {
            return false;
        }
    }

    private static Object fileKey(Path path) {
        try {
            // Following the /proc/self/fd link reaches the open inode even when it has been unlinked.
            return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }
}
