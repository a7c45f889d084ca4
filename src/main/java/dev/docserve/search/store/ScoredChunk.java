package dev.docserve.search.store;

/**
 * One hit of a retriever.
 *
 * @param chunk the stored chunk
 * @param score the retriever's raw score: cosine similarity for {@link ChunkStore#nearest}, BM25 for
 *              {@link ChunkStore#keywordMatches}
 */
public record ScoredChunk(StoredChunk chunk, double score) {
}
