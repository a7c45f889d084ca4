package dev.docserve.eval;

import java.util.List;
import java.util.Map;

/**
 * Per-query effectiveness measures over one ranked list of distinct document ids (best first,
 * rank r = 1, 2, ...) and the query's graded judgements {@code g(d)} (0 for unjudged documents).
 * A document is <em>relevant</em> when {@code g(d) ≥ 1}, trec_eval's default relevance level.
 * A collection score is the arithmetic mean over judged queries (see {@link Evaluator}).
 *
 * <p>Definitions, for a cutoff k and the retrieved list d<sub>1</sub>…d<sub>n</sub>:
 * <ul>
 *   <li><b>nDCG@k</b> = DCG@k / IDCG@k, where
 *       DCG@k = Σ<sub>r=1..min(k,n)</sub> gain(g(d<sub>r</sub>)) / log<sub>2</sub>(r + 1),
 *       gain(g) = 2<sup>g</sup> − 1 for g &gt; 0 and 0 otherwise, and IDCG@k is the same sum over
 *       the judged grades of the query sorted in decreasing order (the ideal ranking built from the
 *       qrels, not from the run). nDCG@k = 0 when IDCG@k = 0 (no relevant document judged).
 *       With grades 0/1 (SciFact and most BEIR sets) 2<sup>g</sup> − 1 = g, so this equals
 *       trec_eval's {@code ndcg_cut.k} (and so the BEIR and MTEB numbers, computed with
 *       pytrec_eval), which uses the grade itself as gain. With grades above 1 the exponential
 *       gain of Burges et al. (2005) rewards highly relevant documents more than trec_eval does;
 *       compare such collections with published numbers only after checking their gain.</li>
 *   <li><b>Recall@k</b> = |{relevant d<sub>r</sub> : r ≤ k}| / |{relevant d in the qrels}|,
 *       0 when the query has no relevant document (as trec_eval).</li>
 *   <li><b>RR@k</b> (reciprocal rank; its mean is MRR@k) = 1 / r<sub>1</sub>, where r<sub>1</sub>
 *       is the rank of the first relevant document if r<sub>1</sub> ≤ k, else 0.</li>
 * </ul>
 * The list must already be ordered and cut by {@link DocumentRanking}; entries past k are ignored.
 */
public final class RankingMetrics {

    private RankingMetrics() {
    }

    public static double ndcgAt(int k, List<String> rankedIds, Map<String, Integer> grades) {
        requirePositive(k);
        double ideal = idealDcgAt(k, grades);
        if (ideal == 0.0) {
            return 0.0;
        }
        double dcg = 0.0;
        for (int rank = 1; rank <= Math.min(k, rankedIds.size()); rank++) {
            dcg += gain(grades.getOrDefault(rankedIds.get(rank - 1), 0)) / discount(rank);
        }
        return dcg / ideal;
    }

    public static double recallAt(int k, List<String> rankedIds, Map<String, Integer> grades) {
        requirePositive(k);
        long relevant = grades.values().stream().filter(RankingMetrics::isRelevant).count();
        if (relevant == 0) {
            return 0.0;
        }
        long found = rankedIds.stream().limit(k)
                .filter(id -> isRelevant(grades.getOrDefault(id, 0)))
                .count();
        return (double) found / relevant;
    }

    public static double reciprocalRankAt(int k, List<String> rankedIds, Map<String, Integer> grades) {
        requirePositive(k);
        for (int rank = 1; rank <= Math.min(k, rankedIds.size()); rank++) {
            if (isRelevant(grades.getOrDefault(rankedIds.get(rank - 1), 0))) {
                return 1.0 / rank;
            }
        }
        return 0.0;
    }

    private static double idealDcgAt(int k, Map<String, Integer> grades) {
        int[] best = grades.values().stream().mapToInt(Integer::intValue)
                .filter(grade -> grade > 0)
                .map(grade -> -grade).sorted().map(grade -> -grade)
                .limit(k).toArray();
        double ideal = 0.0;
        for (int rank = 1; rank <= best.length; rank++) {
            ideal += gain(best[rank - 1]) / discount(rank);
        }
        return ideal;
    }

    private static double gain(int grade) {
        return grade > 0 ? Math.pow(2.0, grade) - 1.0 : 0.0;
    }

    private static double discount(int rank) {
        return Math.log(rank + 1.0) / Math.log(2.0);
    }

    private static boolean isRelevant(int grade) {
        return grade >= 1;
    }

    private static void requirePositive(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("cutoff k must be at least 1, was " + k);
        }
    }
}
