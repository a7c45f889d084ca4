package dev.docserve.search.store;

/**
 * One hit of a retriever: which chunk and how well it matched. Its stored fields are read only for the
 * hits that make it into a response, through {@link SearchView#chunks}.
 *
 * @param chunkId the chunk's stable id, the key under which fusion combines both retrievers
 * @param score   the retriever's raw score: cosine similarity for {@link SearchView#nearest}, BM25 for
 *                {@link SearchView#keywordMatches}
 */
public record ScoredChunk(String chunkId, double score) {
}
