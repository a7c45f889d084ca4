package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Expected values are worked out by hand in the comments; log2(2) = 1, log2(3) ≈ 1.585, log2(4) = 2. */
class RankingMetricsTest {

    private static final Offset<Double> EXACT = within(1e-12);
    private static final double LOG2_3 = Math.log(3) / Math.log(2);

    @Test
    void shouldDiscountARelevantDocumentAtRankThreeByLog2OfFour() {
        List<String> run = List.of("x", "y", "rel", "z");
        Map<String, Integer> qrels = Map.of("rel", 1);

        // DCG = 1 / log2(3 + 1) = 0.5; IDCG = 1 / log2(2) = 1
        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isCloseTo(0.5, EXACT);
        assertThat(RankingMetrics.recallAt(100, run, qrels)).isCloseTo(1.0, EXACT);
        assertThat(RankingMetrics.reciprocalRankAt(10, run, qrels)).isCloseTo(1.0 / 3, EXACT);
    }

    @Test
    void shouldUseExponentialGainForGradedQrels() {
        List<String> run = List.of("nonrel", "fair", "good", "unjudged");
        Map<String, Integer> qrels = Map.of("good", 2, "fair", 1, "nonrel", 0);

        // gains: good 2^2-1 = 3, fair 2^1-1 = 1, nonrel 0
        // DCG  = 0/log2(2) + 1/log2(3) + 3/log2(4) = 0.6309 + 1.5 = 2.1309
        // IDCG = 3/log2(2) + 1/log2(3)             = 3 + 0.6309  = 3.6309
        double expected = (1 / LOG2_3 + 1.5) / (3 + 1 / LOG2_3);
        assertThat(expected).isCloseTo(0.58688267, within(1e-8));
        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isCloseTo(expected, EXACT);
        // linear gain (trec_eval's) would give (1/log2(3) + 2/2) / (2 + 1/log2(3)) = 0.6199
        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isNotCloseTo(0.6199, within(1e-3));
        // both graded documents count as relevant; the first is at rank 2
        assertThat(RankingMetrics.recallAt(100, run, qrels)).isCloseTo(1.0, EXACT);
        assertThat(RankingMetrics.reciprocalRankAt(10, run, qrels)).isCloseTo(0.5, EXACT);
    }

    @Test
    void shouldBuildTheIdealRankingFromTheQrelsNotFromTheRun() {
        List<String> run = List.of("a", "x");
        Map<String, Integer> qrels = Map.of("a", 1, "b", 1, "c", 1);

        // DCG = 1; IDCG = 1 + 1/log2(3) + 1/log2(4) = 2.1309 (three relevant documents exist)
        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isCloseTo(1 / (1 + 1 / LOG2_3 + 0.5), EXACT);
        assertThat(RankingMetrics.recallAt(100, run, qrels)).isCloseTo(1.0 / 3, EXACT);
        assertThat(RankingMetrics.reciprocalRankAt(10, run, qrels)).isCloseTo(1.0, EXACT);
    }

    @Test
    void shouldScoreZeroWhenNoRelevantDocumentIsRetrieved() {
        List<String> run = List.of("x", "y", "judged-nonrel");
        Map<String, Integer> qrels = Map.of("rel", 1, "judged-nonrel", 0);

        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isZero();
        assertThat(RankingMetrics.recallAt(100, run, qrels)).isZero();
        assertThat(RankingMetrics.reciprocalRankAt(10, run, qrels)).isZero();
    }

    @Test
    void shouldScoreZeroForAnEmptyRun() {
        Map<String, Integer> qrels = Map.of("rel", 1);

        assertThat(RankingMetrics.ndcgAt(10, List.of(), qrels)).isZero();
        assertThat(RankingMetrics.recallAt(100, List.of(), qrels)).isZero();
        assertThat(RankingMetrics.reciprocalRankAt(10, List.of(), qrels)).isZero();
    }

    @Test
    void shouldScoreZeroWhenTheQueryHasNoRelevantDocumentAtAll() {
        List<String> run = List.of("a", "b");
        Map<String, Integer> onlyNonRelevant = Map.of("a", 0, "b", -1);

        assertThat(RankingMetrics.ndcgAt(10, run, onlyNonRelevant)).isZero();
        assertThat(RankingMetrics.recallAt(100, run, onlyNonRelevant)).isZero();
        assertThat(RankingMetrics.reciprocalRankAt(10, run, onlyNonRelevant)).isZero();
    }

    @Test
    void shouldIgnoreDocumentsBelowTheCutoff() {
        List<String> run = IntStream.rangeClosed(1, 11).mapToObj(rank -> rank == 11 ? "rel" : "x" + rank).toList();
        Map<String, Integer> qrels = Map.of("rel", 1);

        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isZero();
        assertThat(RankingMetrics.reciprocalRankAt(10, run, qrels)).isZero();
        assertThat(RankingMetrics.recallAt(10, run, qrels)).isZero();
        assertThat(RankingMetrics.recallAt(11, run, qrels)).isCloseTo(1.0, EXACT);
    }

    @Test
    void shouldCutTheIdealRankingAtKSoAPerfectTopTenScoresOne() {
        List<String> relevant = IntStream.range(0, 12).mapToObj(i -> "rel" + i).toList();
        Map<String, Integer> qrels = relevant.stream()
                .collect(Collectors.toMap(id -> id, id -> 1));

        List<String> topTenRelevantThenNoise = List.of("rel0", "rel1", "rel2", "rel3", "rel4",
                "rel5", "rel6", "rel7", "rel8", "rel9", "x", "y");

        assertThat(RankingMetrics.ndcgAt(10, topTenRelevantThenNoise, qrels)).isCloseTo(1.0, EXACT);
        assertThat(RankingMetrics.recallAt(100, topTenRelevantThenNoise, qrels)).isCloseTo(10.0 / 12, EXACT);
    }

    @Test
    void shouldGiveNoGainForNegativeGrades() {
        List<String> run = List.of("spam", "rel");
        Map<String, Integer> qrels = Map.of("spam", -2, "rel", 1);

        assertThat(RankingMetrics.ndcgAt(10, run, qrels)).isCloseTo(1 / LOG2_3, EXACT);
        assertThat(RankingMetrics.reciprocalRankAt(10, run, qrels)).isCloseTo(0.5, EXACT);
    }

    @Test
    void shouldRejectACutoffBelowOne() {
        assertThatThrownBy(() -> RankingMetrics.ndcgAt(0, List.of(), Map.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
