package dev.docserve.eval;

/**
 * Scores of one retrieval mode: each metric is the mean over the judged queries (see
 * {@link RankingMetrics} for the definitions), latency is per query as the retriever was called.
 */
public record ModeResult(String mode, double ndcgAt10, double recallAt100, double mrrAt10, LatencySummary latency) {
}
