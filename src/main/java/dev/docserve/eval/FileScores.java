package dev.docserve.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * File-level scores of one mode over a group of queries, each the mean over the group's queries
 * (see {@link RankingMetrics} for the definitions; gain 2<sup>g</sup> − 1).
 */
public record FileScores(
        int queries,
        @JsonProperty("ndcg_at_10") double ndcgAt10,
        @JsonProperty("recall_at_5") double recallAt5,
        @JsonProperty("recall_at_10") double recallAt10,
        @JsonProperty("mrr_at_10") double mrrAt10) {

    /** Means of per-query rows {ndcg@10, recall@5, recall@10, rr@10}; all zero for no query. */
    static FileScores mean(java.util.List<double[]> perQuery) {
        int n = perQuery.size();
        if (n == 0) {
            return new FileScores(0, 0, 0, 0, 0);
        }
        double[] sum = new double[4];
        for (double[] row : perQuery) {
            for (int i = 0; i < 4; i++) {
                sum[i] += row[i];
            }
        }
        return new FileScores(n, sum[0] / n, sum[1] / n, sum[2] / n, sum[3] / n);
    }
}
