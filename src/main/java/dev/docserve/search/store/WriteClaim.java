package dev.docserve.search.store;

/**
 * The right to write a store, held by one indexing run across every process that shares the store;
 * closing it lets the next writer in.
 */
@FunctionalInterface
public interface WriteClaim extends AutoCloseable {

    /** For stores that need no claim: Lucene's own {@code write.lock} already keeps a second process out. */
    WriteClaim NONE = () -> { };

    @Override
    void close();
}
