package dev.docserve.search.fusion;

import dev.docserve.search.store.ScoredChunk;
import java.util.List;

/**
 * Convex combination of min-max normalised scores:
 *
 * <pre>
 *   norm(s)  = (s − min) / (max − min)        over one list's candidates
 *   fused(d) = α · norm_v(d) + (1 − α) · norm_b(d)
 * </pre>
 *
 * A document missing from a list contributes 0 from that list. When every candidate of a list has the
 * same score (including a list of one), {@code max − min = 0} and each gets norm 1: they are all that
 * list's best. The fused score lies in [0, 1].
 *
 * <p>Why min-max and not the original {@code s / max}: bge's cosines sit in a narrow band (rank 100
 * scores ~0.83× rank 1, BM25's ~0.26×), so dividing by the max leaves the vector side nearly flat and
 * BM25 decides the order. Stretching each list to [0, 1] restores the balance (SciFact nDCG@10 0.737
 * against 0.714, see {@code shared/evaldata/REFERENCE_SCORES.md} and {@code notes/stack.md}).
 */
public final class MinMaxFusion implements ScoreFusion {

    @Override
    public List<FusedCandidate> fuse(List<ScoredChunk> vector, List<ScoredChunk> bm25, double alpha) {
        FusionTable table = new FusionTable();
        add(vector, alpha, table, true);
        add(bm25, 1 - alpha, table, false);
        return table.ranked(1.0);
    }

    private static void add(List<ScoredChunk> list, double weight, FusionTable table, boolean vectorSide) {
        if (list.isEmpty()) {
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (ScoredChunk c : list) {
            min = Math.min(min, c.score());
            max = Math.max(max, c.score());
        }
        double range = max - min;
        for (ScoredChunk c : list) {
            double norm = range == 0 ? 1.0 : (c.score() - min) / range;
            if (vectorSide) {
                table.addVector(c, weight * norm);
            } else {
                table.addBm25(c, weight * norm);
            }
        }
    }
}
