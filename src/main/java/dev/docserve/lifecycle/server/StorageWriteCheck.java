package dev.docserve.lifecycle.server;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Whether the data directory takes writes, answered within a bound whatever the disk does.
 *
 * <p>Readiness and {@code GET /health} (the identity check every client makes, with 2 s to answer) used
 * to write and sync a block inline, so they waited on the disk: with the data directory frozen
 * ({@code fsfreeze}, as a hung network mount or a failing disk behaves) neither answered within 20 s,
 * every client took the live server for gone, and each call held a worker thread. Here the write runs
 * on a thread of its own, at most once per {@code maxAge} and only when asked (an idle server does not
 * wake its disk); a probe's first callers wait at most {@code answerWait} for it, later ones answer at
 * once from the last result. A write that has not come back within {@code budget} is itself the answer:
 * readiness goes DOWN saying so, and comes back with the next write that completes.
 */
final class StorageWriteCheck implements AutoCloseable {

    private static final byte[] PROBE_BLOCK = new byte[4096];

    private final String what;
    private final Supplier<Optional<String>> write;
    private final Duration maxAge;
    private final Duration answerWait;
    private final Duration budget;
    private final ExecutorService thread;
    private volatile Result last;
    private Probe running;

    /** Whether the last probe found a problem, and when it ended. */
    private record Result(Optional<String> problem, long endedNanos) {
    }

    /** A probe under way, and when it began. */
    private record Probe(CompletableFuture<Result> result, long startedNanos) {
    }

    StorageWriteCheck(String what, Supplier<Optional<String>> write, Duration maxAge, Duration answerWait, Duration budget) {
        this.what = what;
        this.write = write;
        this.maxAge = maxAge;
        this.answerWait = answerWait;
        this.budget = budget;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "doc-serve-storage-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** Probes {@code dataDir} with one synced 4 KiB block; fresh for 5 s, answers within 250 ms, hung after 5 s. */
    static StorageWriteCheck of(Path dataDir) {
        return new StorageWriteCheck(dataDir.toString(), () -> writeBlock(dataDir), Duration.ofSeconds(5),
                Duration.ofMillis(250), Duration.ofSeconds(5));
    }

    /** The problem, or empty when the data directory took the last write. */
    Optional<String> problem() {
        Result known = last;
        if (known != null && System.nanoTime() - known.endedNanos() < maxAge.toNanos()) {
            return known.problem();
        }
        Probe probe = probing();
        // Only a probe's first callers wait for it: once it has run for answerWait, callers answer at once.
        long waitNanos = answerWait.toNanos() - (System.nanoTime() - probe.startedNanos());
        try {
            return probe.result().get(Math.max(0, waitNanos), TimeUnit.NANOSECONDS).problem();
        } catch (TimeoutException e) {
            return stillRunning(probe, known);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stillRunning(probe, known);
        } catch (ExecutionException e) {
            return Optional.of("cannot check " + what + ": " + e.getCause());
        }
    }

    /** Starts a write now unless one is under way, without waiting for it (at start, so a result is there before the first probe). */
    void refresh() {
        probing();
    }

    private synchronized Probe probing() {
        if (running == null || running.result().isDone()) {
            CompletableFuture<Result> result;
            try {
                result = CompletableFuture.supplyAsync(() -> {
                    Result done = new Result(write.get(), System.nanoTime());
                    last = done;
                    return done;
                }, thread);
            } catch (RejectedExecutionException e) {
                result = CompletableFuture.completedFuture(new Result(Optional.of("the server is stopping"), System.nanoTime()));
            }
            running = new Probe(result, System.nanoTime());
        }
        return running;
    }

    /** The probe is slower than a caller may wait: hung past the budget, else the last result stands. */
    private Optional<String> stillRunning(Probe probe, Result known) {
        long millis = (System.nanoTime() - probe.startedNanos()) / 1_000_000;
        if (millis >= budget.toMillis()) {
            return Optional.of("a 4 KiB write to " + what + " has not completed for " + millis / 1000
                    + " s; check the disk (full, failing, or a network mount that stopped answering)");
        }
        // No result yet counts as writable: the first write starts with the server, and a full or read-only
        // disk answers at once; only a slow one is still writing.
        return known == null ? Optional.empty() : known.problem();
    }

    /**
     * Writes and syncs one block: creating an empty file succeeds on a full disk (it takes an inode, not
     * a block), so only real bytes tell that the next index commit would fail.
     */
    static Optional<String> writeBlock(Path dataDir) {
        Path probe = null;
        try {
            Files.createDirectories(dataDir);
            probe = Files.createTempFile(dataDir, ".probe", ".tmp");
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(PROBE_BLOCK));
                channel.force(false);
            }
            return Optional.empty();
        } catch (IOException | SecurityException e) {
            return Optional.of("cannot write to " + dataDir + ": " + e.getMessage());
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a leftover probe is a few bytes; the write result is what matters
                }
            }
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
