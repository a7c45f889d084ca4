package dev.docserve.search.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one query reads of a {@link ChunkStore}: the manifest, both retrievers, and the stored fields of
 * the hits it keeps. Retrievers return chunk ids and scores only; a hybrid query looks at a hundred
 * candidates to answer with ten, and reading stored fields for the other ninety was most of its
 * retrieval time.
 *
 * <p>A view reads one commit from start to end where the backend can (the embedded index: a
 * commit landing while a query runs is not half seen, and the manifest checked is the one of the data
 * searched). Use it from one thread and close it when the response is built.
 */
public interface SearchView extends Closeable {

    /** The manifest of the commit this view reads; empty for a store nothing was ever committed to. */
    Optional<IndexManifest> manifest() throws IOException;

    /**
     * The {@code k} committed chunks nearest to {@code vector} among those matching {@code filter}
     * (filtered while searching, so {@code k} come back whenever that many match), best first.
     *
     * @return hits scored by cosine similarity in [-1, 1]
     */
    List<ScoredChunk> nearest(float[] vector, int k, ChunkFilter filter) throws IOException;

    /**
     * The {@code k} committed chunks matching {@code filter} with the best BM25 score for the free text
     * {@code query} (never parsed as query syntax), best first; empty when the text has no searchable term.
     *
     * @return hits scored by BM25 (k1 1.2, b 0.75) over the text, heading, symbol and file name
     */
    List<ScoredChunk> keywordMatches(String query, int k, ChunkFilter filter) throws IOException;

    /**
     * The stored fields of chunks that this view's retrievers returned, by chunk id; an id they did not
     * return is absent from the answer.
     */
    Map<String, StoredChunk> chunks(Collection<String> chunkIds) throws IOException;

    /**
     * The committed records of the files at these paths (keys as in {@link StoredChunk#path()}), by path;
     * a path with no record is absent. Read for the few files a response returns, to say when each was
     * indexed and whether it changed since.
     */
    Map<String, FileRecord> files(Collection<String> paths) throws IOException;
}
