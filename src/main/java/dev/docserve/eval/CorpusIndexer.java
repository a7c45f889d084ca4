package dev.docserve.eval;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The indexing step of an evaluation: indexes the corpus (e.g. into a temporary store through the
 * real pipeline) and returns a retriever per mode over that index. The evaluator times this call.
 */
@FunctionalInterface
public interface CorpusIndexer {

    /**
     * @return retrievers by mode name; the map's iteration order is the report's order
     *         (pass a {@link java.util.LinkedHashMap} to choose it)
     */
    Map<String, Retriever> index(List<Document> corpus) throws IOException;
}
