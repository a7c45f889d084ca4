package dev.docserve.index.jobs;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;

/**
 * The indexing slots every project of a process shares ({@code max_concurrent_indexing}), handed
 * out first come, first served, with the wait visible: {@link #position} says where a job stands.
 *
 * <p>A fair {@link java.util.concurrent.Semaphore} would give the same order but cannot say who waits
 * where, which the job records report as {@code queue_position}.
 */
public final class IndexingSlots {

    private final Deque<String> waiting = new ArrayDeque<>();
    private int free;

    /** @param slots how many jobs may run at once; 0 holds every job until {@link #release()} (tests) */
    public IndexingSlots(int slots) {
        if (slots < 0) {
            throw new IllegalArgumentException("slots must be 0 or more, got " + slots);
        }
        this.free = slots;
    }

    /** Waits for a slot behind every job that asked before; {@code jobId} names the waiter for {@link #position}. */
    public synchronized void acquire(String jobId) throws InterruptedException {
        waiting.addLast(jobId);
        try {
            while (free == 0 || !jobId.equals(waiting.peekFirst())) {
                wait();
            }
        } catch (InterruptedException e) {
            waiting.remove(jobId);
            notifyAll();
            throw e;
        }
        waiting.removeFirst();
        free--;
        // The next waiter may find a slot free too (after several releases).
        notifyAll();
    }

    public synchronized void release() {
        free++;
        notifyAll();
    }

    /** 1 for the job that gets the next free slot, 2 for the one after it; empty when it is not waiting. */
    public synchronized OptionalInt position(String jobId) {
        int position = 1;
        for (String waiter : waiting) {
            if (waiter.equals(jobId)) {
                return OptionalInt.of(position);
            }
            position++;
        }
        return OptionalInt.empty();
    }

    /** How many jobs wait for a slot. */
    public synchronized int waiting() {
        return waiting.size();
    }
}
