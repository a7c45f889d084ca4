package dev.docserve.search.store;

import java.util.Map;

/**
 * Sizes of the last committed index.
 *
 * @param documents  files with a record in the index
 * @param chunks     all chunks
 * @param docChunks  chunks of documentation
 * @param codeChunks chunks of code, tests included
 * @param testChunks chunks of tests
 * @param languages  chunks per language
 */
public record ChunkCounts(int documents, int chunks, int docChunks, int codeChunks, int testChunks,
                          Map<String, Integer> languages) {

    public static final ChunkCounts EMPTY = new ChunkCounts(0, 0, 0, 0, 0, Map.of());
}
