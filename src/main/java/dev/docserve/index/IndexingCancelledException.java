package dev.docserve.index;

/** An index run stopped on request; every file finished before that is committed. */
public final class IndexingCancelledException extends RuntimeException {

    public IndexingCancelledException() {
        super("indexing was cancelled; files finished before the cancel are indexed, re-index to complete");
    }
}
