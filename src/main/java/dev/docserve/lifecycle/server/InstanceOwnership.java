package dev.docserve.lifecycle.server;

import dev.docserve.lifecycle.client.Discovery;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.client.InstanceFinder;
import dev.docserve.lifecycle.layout.InstanceLock;
import dev.docserve.lifecycle.layout.PidFile;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.lifecycle.layout.StateDirException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One process's ownership of a state directory, from the lock to the runtime file: the start
 * protocol of the contract (lock, pid file, bind, {@code runtime.json}), the checks that keep the
 * files honest while running, and the cleanup at stop.
 *
 * <p>Ownership is proven by the OS lock alone. A lock that can be taken means any runtime or pid
 * file found beside it belongs to a dead process and is removed; a lock held by someone else means
 * a live doc-serve process owns the directory, and the claim waits (bounded) for it to become
 * healthy so it can report that instance instead of starting a second one.
 */
public final class InstanceOwnership {

    private static final Duration POLL = Duration.ofMillis(100);

    private final StateDir stateDir;
    private final long pid;
    private final InstanceLock lock;
    private volatile RuntimeState published;
    private boolean released;

    private InstanceOwnership(StateDir stateDir, long pid, InstanceLock lock, RuntimeState published) {
        this.stateDir = stateDir;
        this.pid = pid;
        this.lock = lock;
        this.published = published;
    }

    /**
     * Claims the state directory for this process.
     *
     * @param waitForPeer how long to wait for a peer that holds the lock but does not answer yet
     * @throws AlreadyRunningException when a healthy instance owns the directory
     * @throws StateDirException when the directory cannot be used, or a peer holds it without answering
     */
    public static InstanceOwnership claim(StateDir stateDir, InstanceFinder finder, Duration waitForPeer) {
        stateDir.createWritable();
        long pid = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + waitForPeer.toNanos();
        while (true) {
            Optional<InstanceLock> lock = tryLock(stateDir);
            if (lock.isPresent()) {
                return takeOver(stateDir, pid, lock.get());
            }
            Discovery peer = finder.find(stateDir);
            if (peer.isRunning()) {
                throw new AlreadyRunningException(peer.state().orElseThrow());
            }
            if (System.nanoTime() > deadline) {
                String holder = PidFile.read(stateDir.pidFile()).stream().mapToObj(p -> "process " + p)
                        .findFirst().orElse("another process");
                throw new StateDirException(holder + " holds the lock of " + stateDir.dir()
                        + " but does not answer on /health; wait for it, or run 'doc-serve stop --force'");
            }
            sleep();
        }
    }

    /**
     * Takes over the ownership this same JVM established before a dev-mode live reload: the lock is
     * still held by the channel of the previous application instance, and opening the lock file again
     * would drop it. Empty when the pid file does not name this process.
     */
    public static Optional<InstanceOwnership> resumeInThisProcess(StateDir stateDir) {
        long pid = ProcessHandle.current().pid();
        if (PidFile.read(stateDir.pidFile()).orElse(-1) != pid || !Files.exists(stateDir.lockFile())) {
            return Optional.empty();
        }
        RuntimeState previous = RuntimeFile.readLeniently(stateDir.runtimeFile())
                .filter(state -> Objects.equals(state.pid(), pid))
                .orElse(null);
        return Optional.of(new InstanceOwnership(stateDir, pid, null, previous));
    }

    private static InstanceOwnership takeOver(StateDir stateDir, long pid, InstanceLock lock) {
        try {
            // The lock was free, so whoever wrote these is dead: they are leftovers.
            Files.deleteIfExists(stateDir.runtimeFile());
            PidFile.write(stateDir.pidFile(), pid);
            return new InstanceOwnership(stateDir, pid, lock, null);
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(lock);
            throw new StateDirException("cannot write the pid file in " + stateDir.dir() + ": " + rootMessage(e)
                    + "; make the folder writable");
        }
    }

    public StateDir stateDir() {
        return stateDir;
    }

    /** The runtime state this process announced, if it has announced one yet. */
    public Optional<RuntimeState> published() {
        return Optional.ofNullable(published);
    }

    /**
     * Writes {@code runtime.json}: called once the HTTP port is bound, and by the self-check. Does
     * nothing once released, so a port announcement that races a stop cannot resurrect the file.
     */
    public synchronized void publish(RuntimeState state) {
        if (released) {
            return;
        }
        RuntimeFile.write(stateDir.runtimeFile(), state);
        this.published = state;
    }

    public boolean isLockHeld() {
        if (lock == null) {
            return PidFile.read(stateDir.pidFile()).orElse(-1) == pid && Files.exists(stateDir.lockFile());
        }
        return lock.isHeld();
    }

    /**
     * Re-verifies what this process owns and repairs what it can: a missing or altered
     * {@code runtime.json} or pid file is written again. A lost lock cannot be repaired safely and is
     * reported.
     */
    public SelfCheckReport verify(HealthProbe probe) {
        List<String> problems = new ArrayList<>();
        List<String> repairs = new ArrayList<>();
        if (!isLockHeld()) {
            problems.add("the lock on " + stateDir.lockFile() + " is no longer held by this process");
        }
        if (PidFile.read(stateDir.pidFile()).orElse(-1) != pid) {
            repairTo(repairs, problems, "pid file", () -> PidFile.write(stateDir.pidFile(), pid));
        }
        RuntimeState expected = published;
        if (expected != null) {
            Optional<RuntimeState> onDisk = RuntimeFile.readLeniently(stateDir.runtimeFile());
            if (!onDisk.equals(Optional.of(expected))) {
                repairTo(repairs, problems, "runtime.json", () -> publish(expected));
            }
            if (!probe.answersAs(expected.baseUrl(), expected.instanceId())) {
                problems.add("/health does not answer through " + expected.baseUrl());
            }
        }
        return new SelfCheckReport(problems, repairs);
    }

    private static void repairTo(List<String> repairs, List<String> problems, String what, Runnable rewrite) {
        try {
            rewrite.run();
            repairs.add("rewrote " + what);
        } catch (UncheckedIOException e) {
            problems.add("cannot rewrite " + what + ": " + rootMessage(e));
        }
    }

    /** Removes {@code runtime.json}, the pid file and the lock file, then lets go of the lock. */
    public synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        published = null;
        try {
            if (lock != null) {
                lock.releaseAndDelete(stateDir.runtimeFile(), stateDir.pidFile());
            } else {
                // Resumed after a live reload: the JVM still holds the lock through the first channel.
                Files.deleteIfExists(stateDir.runtimeFile());
                Files.deleteIfExists(stateDir.pidFile());
                Files.deleteIfExists(stateDir.lockFile());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + stateDir.dir() + ": " + e.getMessage(), e);
        }
    }

    private static Optional<InstanceLock> tryLock(StateDir stateDir) {
        try {
            return InstanceLock.tryAcquire(stateDir.lockFile());
        } catch (AccessDeniedException e) {
            throw new StateDirException("cannot open the lock file " + stateDir.lockFile()
                    + ": permission denied; make the state directory writable");
        } catch (FileSystemException e) {
            throw new StateDirException("cannot open the lock file " + stateDir.lockFile() + ": " + rootMessage(e));
        } catch (IOException e) {
            throw new StateDirException("cannot lock " + stateDir.lockFile() + ": " + e.getMessage());
        }
    }

    private static String rootMessage(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof AccessDeniedException denied) {
            return "permission denied (" + denied.getFile() + ")";
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }

    private static void closeQuietly(InstanceLock lock) {
        try {
            lock.close();
        } catch (IOException ignored) {
            // The process is giving up the start; the kernel frees the lock at exit anyway.
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StateDirException("interrupted while waiting for the lock");
        }
    }
}
