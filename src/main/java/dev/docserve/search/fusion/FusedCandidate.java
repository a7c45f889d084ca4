package dev.docserve.search.fusion;

import java.util.Comparator;

/**
 * A hit of the fused list.
 *
 * @param chunkId     the chunk's stable id
 * @param score       fused score in [0, 1]
 * @param vectorScore raw vector score, or null if the vector list did not contain the chunk
 * @param bm25Score   raw BM25 score, or null if the BM25 list did not contain the chunk
 * @param path        the chunk's file (first tie-breaker)
 * @param ordinal     the chunk's position in its file (second tie-breaker)
 */
public record FusedCandidate(String chunkId, double score, Double vectorScore, Double bm25Score, String path, int ordinal) {

    /** Best first; equal scores by path, then position in the file, then chunk id (see {@code ScoredChunk.RANKING}). */
    public static final Comparator<FusedCandidate> RANKING = Comparator.comparingDouble(FusedCandidate::score).reversed()
            .thenComparing(FusedCandidate::path).thenComparingInt(FusedCandidate::ordinal)
            .thenComparing(FusedCandidate::chunkId);
}
