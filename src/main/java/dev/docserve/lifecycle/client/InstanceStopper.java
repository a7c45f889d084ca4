package dev.docserve.lifecycle.client;


import dev.docserve.lifecycle.layout.InstanceLock;
import dev.docserve.lifecycle.layout.PidFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stops the instance of a state directory without ever signalling a process that is not provably
 * ours. Proof is {@code /health} answering with the {@code instance_id} that {@code runtime.json}
 * records for that PID; a process that holds the lock but does not answer is only killed with
 * {@code --force}, and only when its command line is a doc-serve server. Leftover files of dead
 * instances are removed under the lock: whoever can take it knows their owner is gone.
 */
public final class InstanceStopper {

    /** The fatal actions, behind a seam so tests can watch them without killing anything. */
    public interface Signals {
        void terminate(ProcessHandle process);

        void kill(ProcessHandle process);

        Signals OS = new Signals() {
            @Override
            public void terminate(ProcessHandle process) {
                process.destroy();
            }

            @Override
            public void kill(ProcessHandle process) {
                process.destroyForcibly();
            }
        };
    }

    /** What happened. */
    public enum Result {
        /** A running instance stopped after SIGTERM. */
        STOPPED,
        /** It was killed (SIGKILL) with {@code --force}. */
        KILLED,
        /** Nothing ran; leftovers (if any) were removed. */
        NOT_RUNNING,
        /** The project is served by the shared daemon; nothing of its own to stop. */
        SHARED_POINTER
    }

    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration WAIT_FOR_STARTING = Duration.ofSeconds(10);

    private final Instances instances;
    private final Signals signals;

    public InstanceStopper(Instances instances, Signals signals) {
        this.instances = instances;
        this.signals = signals;
    }

    public Result stop(StateDir stateDir, Duration timeout, boolean force) {
        Discovery found = instances.lookup(stateDir);
        if (found.status() == Discovery.Status.POINTER) {
            return Result.SHARED_POINTER;
        }
        if (!found.isRunning()) {
            if (cleanLeftovers(stateDir)) {
                return Result.NOT_RUNNING;
            }
            // The lock is held by a process that does not answer: starting up, or hung.
            found = waitUntilAnswering(stateDir, min(timeout, WAIT_FOR_STARTING));
            if (!found.isRunning()) {
                return forceHungHolder(stateDir, force);
            }
        }
        RuntimeState state = found.state().orElseThrow();
        Optional<ProcessHandle> process = ProcessHandle.of(state.pid());
        if (process.isEmpty()) {
            cleanLeftovers(stateDir);
            return Result.STOPPED;
        }
        signals.terminate(process.get());
        if (awaitExit(process.get(), timeout)) {
            awaitFilesGone(stateDir, Duration.ofSeconds(2));
            return Result.STOPPED;
        }
        if (!force) {
            throw new StopException("process " + state.pid() + " did not stop within "
                    + timeout.toSeconds() + " s (it may be committing an index); wait and retry, or run "
                    + "'doc-serve stop --force' to kill it");
        }
        signals.kill(process.get());
        awaitExit(process.get(), Duration.ofSeconds(5));
        awaitFilesGone(stateDir, Duration.ofSeconds(1));
        return Result.KILLED;
    }

    private Result forceHungHolder(StateDir stateDir, boolean force) {
        OptionalLong pid = PidFile.read(stateDir.pidFile());
        Optional<ProcessHandle> holder = pid.isPresent() ? ProcessHandle.of(pid.getAsLong()) : Optional.empty();
        String who = pid.isPresent() ? "process " + pid.getAsLong() : "another process";
        if (!force) {
            throw new StopException(who + " holds the lock of " + stateDir.dir()
                    + " but does not answer on /health; if it is a hung doc-serve server, run 'doc-serve stop --force'");
        }
        if (holder.isEmpty() || !isDocServeServer(holder.get())) {
            throw new StopException(who + " holds the lock of " + stateDir.dir()
                    + " and is not recognisably a doc-serve server; refusing to kill it, check it with 'ps -p "
                    + pid.orElse(0) + " -o args'");
        }
        signals.kill(holder.get());
        awaitExit(holder.get(), Duration.ofSeconds(5));
        cleanLeftovers(stateDir);
        return Result.KILLED;
    }

    /** A doc-serve server's command line runs our jar or main class with {@code serve}. */
    static boolean isDocServeServer(ProcessHandle process) {
        if (process.pid() == ProcessHandle.current().pid()) {
            return false;
        }
        String commandLine = process.info().commandLine().orElse("");
        return (commandLine.contains("quarkus-run.jar") || commandLine.contains("dev.docserve"))
                && commandLine.contains(" serve");
    }

    private Discovery waitUntilAnswering(StateDir stateDir, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Discovery found;
        do {
            sleep();
            found = instances.lookup(stateDir);
            if (found.isRunning() || cleanLeftovers(stateDir)) {
                return found;
            }
        } while (System.nanoTime() < deadline);
        return found;
    }

    /**
     * Removes {@code runtime.json}, the pid file and the lock file when no process holds the lock.
     *
     * @return true when nobody holds the lock (leftovers, if any, are gone); false when a live process does
     */
    static boolean cleanLeftovers(StateDir stateDir) {
        boolean anything = Files.exists(stateDir.runtimeFile()) || Files.exists(stateDir.pidFile())
                || Files.exists(stateDir.lockFile());
        if (!anything) {
            return true;
        }
        try {
            Optional<InstanceLock> lock = InstanceLock.tryAcquire(stateDir.lockFile());
            if (lock.isEmpty()) {
                return false;
            }
            lock.get().releaseAndDelete(stateDir.runtimeFile(), stateDir.pidFile());
            return true;
        } catch (IOException e) {
            throw new StopException("cannot clean up " + stateDir.dir() + ": " + e.getMessage()
                    + "; check the folder's permissions");
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !process.isAlive();
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** A server that exited cleanly has removed its files; one that crashed leaves them for us. */
    private static void awaitFilesGone(StateDir stateDir, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (Files.exists(stateDir.runtimeFile()) && System.nanoTime() < deadline) {
            sleep();
        }
        cleanLeftovers(stateDir);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StopException("interrupted");
        }
    }
}
