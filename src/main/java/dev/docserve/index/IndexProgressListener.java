package dev.docserve.index;

/** Receives progress from the indexing thread; must return quickly and not throw. */
@FunctionalInterface
public interface IndexProgressListener {

    IndexProgressListener NONE = progress -> { };

    void onProgress(IndexProgress progress);
}
