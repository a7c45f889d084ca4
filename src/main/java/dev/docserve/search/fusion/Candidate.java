package dev.docserve.search.fusion;

/**
 * A hit of one retriever.
 *
 * @param chunkId the chunk's stable id: the same chunk has the same id in both lists, whatever the backend
 * @param score   the retriever's raw score (cosine similarity, or BM25)
 */
public record Candidate(String chunkId, double score) {
}
