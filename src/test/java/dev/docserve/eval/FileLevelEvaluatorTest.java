package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FileLevelEvaluatorTest {

    private static final RepoCollection COLLECTION = new RepoCollection("tiny", "test", Path.of("repo"), List.of(
            new RepoQuery("q1", "where is the retry policy", Optional.of("code"), Optional.of(false)),
            new RepoQuery("q2", "maxConcurrentIndexing", Optional.of("code"), Optional.of(true)),
            new RepoQuery("q3", "how to configure", Optional.of("doc"), Optional.of(true)),
            new RepoQuery("unjudged", "ignored", Optional.empty(), Optional.empty())),
            new Qrels(Map.of(
                    "q1", Map.of("src/Retry.java", 2),
                    "q2", Map.of("src/Config.java", 2, "docs/config.rst", 1),
                    "q3", Map.of("docs/config.rst", 2))));

    @Test
    void shouldRankFilesByTheirBestChunkAndSplitScoresByKindAndLexical() throws Exception {
        Retriever retriever = (text, depth) -> switch (text) {
            // two chunks of one file count once, at the best chunk's score
            case "where is the retry policy" -> List.of(new ScoredDoc("src/Other.java", 0.9),
                    new ScoredDoc("src/Other.java", 0.8), new ScoredDoc("src/Retry.java", 0.7));
            case "maxConcurrentIndexing" -> List.of(new ScoredDoc("src/Config.java", 0.9),
                    new ScoredDoc("docs/config.rst", 0.5));
            default -> List.of();
        };

        FileModeResult result = new FileLevelEvaluator().evaluate("bm25", retriever, COLLECTION);

        double q1Ndcg = 3 / log2(3) / 3; // the grade-2 file at rank 2
        double q2Ndcg = 1.0;
        assertThat(result.all().queries()).isEqualTo(3);
        assertThat(result.all().ndcgAt10()).isCloseTo((q1Ndcg + q2Ndcg + 0) / 3, within(1e-9));
        assertThat(result.all().mrrAt10()).isCloseTo((0.5 + 1 + 0) / 3, within(1e-9));
        assertThat(result.all().recallAt5()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(result.byKind()).containsOnlyKeys("code", "doc");
        assertThat(result.byKind().get("code").queries()).isEqualTo(2);
        assertThat(result.byKind().get("code").ndcgAt10()).isCloseTo((q1Ndcg + q2Ndcg) / 2, within(1e-9));
        assertThat(result.byKind().get("doc").ndcgAt10()).isZero();
        assertThat(result.byLexical()).containsOnlyKeys("false", "true");
        assertThat(result.byLexical().get("true").recallAt10()).isCloseTo(0.5, within(1e-9));
        assertThat(result.byLexical().get("false").mrrAt10()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void shouldWriteSnakeCaseJson() {
        FileScores scores = new FileScores(1, 0.5, 0.25, 0.75, 1);
        RepoReport report = new RepoReport("tiny", "test", 3, 7, 1, 1200, Map.of("fusion", "minmax"),
                Map.of("java", 5), List.of(new FileModeResult("hybrid", scores, Map.of("code", scores), Map.of(),
                        LatencySummary.ofNanos(new long[] {1_000_000}))));

        String json = new RepoReportJson().write(report);

        assertThat(json).contains("\"ndcg_at_10\" : 0.5", "\"recall_at_5\" : 0.25", "\"recall_at_10\" : 0.75",
                "\"mrr_at_10\" : 1.0", "\"judged_queries\" : 1", "\"indexing_millis\" : 1200", "\"by_kind\"",
                "\"chunks_by_type\"", "\"p50_millis\"");
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
