package dev.docserve.index.embedding;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * Gives queries priority over background embedding on a machine whose cores the in-process model
 * saturates while it indexes: a search marks itself in flight with {@link #beginQuery()}, and
 * indexing calls {@link #yieldToQueries()} before each unit of model work (one chunk, for the
 * in-process models), which waits while a query is in flight or one ended less than {@code quiet}
 * ago, so that back-to-back queries from an agent are not interleaved with chunks.
 *
 * <p>Thread priorities cannot do this: Linux ignores them without privileges. The wait per unit is
 * bounded by {@code maxPause}, so indexing still advances under a constant stream of queries, at a
 * fraction of its speed; without queries it costs one uncontended lock per chunk.
 *
 * <p>How to check it: {@code doc-serve bench --shared-only} measures one project's query latency while
 * another indexes, against the daemon idle.
 */
public final class QueryFirstGate {

    /** One query in flight until closed. */
    public interface Pass extends AutoCloseable {
        @Override
        void close();
    }

    public static final Duration DEFAULT_QUIET = Duration.ofMillis(25);
    public static final Duration DEFAULT_MAX_PAUSE = Duration.ofMillis(250);

    private final long quietNanos;
    private final long maxPauseNanos;
    private int inFlight;
    private long lastQueryEnded = System.nanoTime() - Duration.ofDays(1).toNanos();

    public QueryFirstGate(Duration quiet, Duration maxPause) {
        this.quietNanos = quiet.toNanos();
        this.maxPauseNanos = maxPause.toNanos();
    }

    public static QueryFirstGate withDefaults() {
        return new QueryFirstGate(DEFAULT_QUIET, DEFAULT_MAX_PAUSE);
    }

    /** A gate that never holds background work up (for models that run elsewhere). */
    public static QueryFirstGate never() {
        return new QueryFirstGate(Duration.ZERO, Duration.ZERO);
    }

    public synchronized Pass beginQuery() {
        inFlight++;
        return this::endQuery;
    }

    private synchronized void endQuery() {
        inFlight--;
        lastQueryEnded = System.nanoTime();
        notifyAll();
    }

    /** Queries running now. */
    public synchronized int queriesInFlight() {
        return inFlight;
    }

    /**
     * Waits while queries run (or one ended less than the quiet period ago), at most the maximum
     * pause; returns at once when none does. An interrupt ends the wait and stays set.
     */
    public synchronized void yieldToQueries() {
        long deadline = System.nanoTime() + maxPauseNanos;
        while (true) {
            long now = System.nanoTime();
            long quietLeft = inFlight > 0 ? Long.MAX_VALUE : lastQueryEnded + quietNanos - now;
            long pauseLeft = deadline - now;
            if (quietLeft <= 0 || pauseLeft <= 0) {
                return;
            }
            try {
                long waitNanos = Math.min(quietLeft, pauseLeft);
                wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** An executor whose tasks each yield to queries before they run on {@code delegate}. */
    public Executor yielding(Executor delegate) {
        return task -> delegate.execute(() -> {
            yieldToQueries();
            task.run();
        });
    }
}
