package dev.docserve.search.fusion;

/**
 * A hit of the fused list.
 *
 * @param chunkId     the chunk's stable id
 * @param score       fused score in [0, 1]
 * @param vectorScore raw vector score, or null if the vector list did not contain the chunk
 * @param bm25Score   raw BM25 score, or null if the BM25 list did not contain the chunk
 */
public record FusedCandidate(String chunkId, double score, Double vectorScore, Double bm25Score) {
}
