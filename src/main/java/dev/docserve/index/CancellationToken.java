package dev.docserve.index;

import java.util.concurrent.atomic.AtomicBoolean;

/** Asks a running index job to stop at the next file boundary; it then commits what it finished. */
public final class CancellationToken {

    private final AtomicBoolean cancelled = new AtomicBoolean();

    public static CancellationToken none() {
        return new CancellationToken();
    }

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    void throwIfCancelled() {
        if (cancelled.get()) {
            throw new IndexingCancelledException();
        }
    }
}
