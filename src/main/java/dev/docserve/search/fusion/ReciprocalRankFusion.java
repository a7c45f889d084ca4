package dev.docserve.search.fusion;

import dev.docserve.search.store.ScoredChunk;
import java.util.List;

/**
 * Weighted reciprocal-rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009):
 *
 * <pre>
 *   rrf(d)   = α / (k + rank_v(d)) + (1 − α) / (k + rank_b(d))
 *   fused(d) = rrf(d) · (k + 1)
 * </pre>
 *
 * Ranks are 1-based positions in each list; a document missing from a list contributes 0 from it.
 * Scores are ignored, so the two retrievers' scales never matter and equal scores simply keep their
 * list order. {@code k} (60 in the paper and in Anserini's BEIR fusion runs) damps the advantage of
 * the very top ranks. The factor {@code k + 1} maps the best possible value (rank 1 in both lists) to
 * 1, so the fused score lies in [0, 1] like the other strategies'.
 */
public final class ReciprocalRankFusion implements ScoreFusion {

    public static final int DEFAULT_K = 60;

    private final int k;

    public ReciprocalRankFusion(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        this.k = k;
    }

    @Override
    public List<FusedCandidate> fuse(List<ScoredChunk> vector, List<ScoredChunk> bm25, double alpha) {
        FusionTable table = new FusionTable();
        for (int i = 0; i < vector.size(); i++) {
            table.addVector(vector.get(i), alpha / (k + i + 1));
        }
        for (int i = 0; i < bm25.size(); i++) {
            table.addBm25(bm25.get(i), (1 - alpha) / (k + i + 1));
        }
        return table.ranked(k + 1);
    }
}
