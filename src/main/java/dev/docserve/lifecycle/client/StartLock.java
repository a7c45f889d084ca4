package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.StateDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

/**
 * Lets concurrent {@code start}s of one project launch one server between them: the first holds
 * {@code start.lock} in the state dir while it launches and waits for readiness; the others wait for
 * the lock, then find the server it started. The lock protocol itself ({@code doc-serve.lock}) is
 * untouched: this only saves the spawned losers' boot, never decides ownership.
 *
 * <p>An OS (fcntl) lock, released by the kernel when the holder dies, so a killed {@code start}
 * never blocks the next one. The file is never deleted: deleting a lock file while it is held lets
 * a second process lock a new file of the same name. Best effort: a state dir where the file cannot
 * be created (read-only) starts without it, and the server reports the real problem.
 */
final class StartLock implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(25);

    private final FileChannel channel;
    private final FileLock lock;

    private StartLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Waits up to {@code timeout} for the lock; empty when the file cannot be used or the wait runs out. */
    static Optional<StartLock> acquire(StateDir stateDir, Duration timeout) {
        Path file = stateDir.dir().resolve("start.lock");
        FileChannel channel;
        try {
            Files.createDirectories(stateDir.dir());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return Optional.of(new StartLock(channel, lock));
                }
                if (System.nanoTime() > deadline) {
                    channel.close();
                    return Optional.empty();
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(channel);
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held any more
        }
    }
}
