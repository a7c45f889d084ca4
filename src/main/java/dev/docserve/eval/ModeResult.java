package dev.docserve.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Scores of one retrieval mode: each metric is the mean over the judged queries (see
 * {@link RankingMetrics} for the definitions), latency is per query as the retriever was called.
 */
public record ModeResult(String mode,
                         @JsonProperty("ndcg_at_10") double ndcgAt10,
                         @JsonProperty("recall_at_100") double recallAt100,
                         @JsonProperty("mrr_at_10") double mrrAt10,
                         LatencySummary latency) {
}
