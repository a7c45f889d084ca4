package dev.docserve.eval;

import java.io.IOException;
import java.util.List;

/** One retrieval mode (vector, bm25, hybrid, ...) over an already indexed corpus. */
@FunctionalInterface
public interface Retriever {

    /**
     * Searches with the query text only.
     *
     * @param queryText the query as a user would type it
     * @param depth     how many distinct documents the evaluator will keep. A retriever that
     *                  returns chunks should return enough chunks to cover {@code depth}
     *                  documents where it can; hits in any order, several per document allowed
     * @return hits, one per chunk or per document
     */
    List<ScoredDoc> search(String queryText, int depth) throws IOException;
}
