package dev.docserve.memory;

import org.jboss.logging.Logger;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Gives the heap a burst of work left behind back to the operating system, at the moments a server
 * knows it goes quiet: after the embedding model has loaded and after an index run.
 *
 * <p>Why explicitly: a project server is idle most of its life, and its collector (Serial by default,
 * see {@code ServerJvmOptions}) only shrinks the heap after a full collection, which an idle process
 * never runs on its own. One full collection of the ~30 MiB that stays live takes tens of milliseconds,
 * after work that took seconds. A user who picks another collector or {@code -XX:+DisableExplicitGC}
 * keeps that collector's own behaviour.
 */
public final class IdleMemory {

    private static final Logger LOG = Logger.getLogger(IdleMemory.class);

    private IdleMemory() {
    }

    /** Collects and lets the heap shrink to its live size plus the configured free ratio. */
    @SuppressWarnings("java:S1215") // deliberate: the one place doc-serve asks for a collection
    public static void settle(String after) {
        MemoryUsage before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long started = System.nanoTime();
        System.gc();
        MemoryUsage now = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        LOG.debugf("heap after %s: committed %d -> %d MiB, used %d -> %d MiB, in %d ms", after,
                before.getCommitted() >> 20, now.getCommitted() >> 20, before.getUsed() >> 20, now.getUsed() >> 20,
                (System.nanoTime() - started) / 1_000_000);
    }
}
