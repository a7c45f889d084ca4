package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentRankingTest {

    @Test
    void shouldScoreEachDocumentByItsBestChunk() {
        List<ScoredDoc> chunkHits = List.of(
                new ScoredDoc("a", 0.50), new ScoredDoc("b", 0.90), new ScoredDoc("a", 0.95), new ScoredDoc("b", 0.1));

        assertThat(DocumentRanking.rank(chunkHits, 100))
                .containsExactly(new ScoredDoc("a", 0.95), new ScoredDoc("b", 0.90));
    }

    @Test
    void shouldKeepTheTopDepthDocumentsAfterPooling() {
        List<ScoredDoc> chunkHits = List.of(
                new ScoredDoc("a", 3), new ScoredDoc("a", 2.5), new ScoredDoc("b", 2), new ScoredDoc("c", 1));

        assertThat(DocumentRanking.rankedIds(chunkHits, 2)).containsExactly("a", "b");
    }

    @Test
    void shouldIgnoreTheRetrieversOrderAndRankByScore() {
        List<ScoredDoc> shuffled = List.of(new ScoredDoc("low", 0.1), new ScoredDoc("high", 0.9), new ScoredDoc("mid", 0.5));

        assertThat(DocumentRanking.rankedIds(shuffled, 100)).containsExactly("high", "mid", "low");
    }

    @Test
    void shouldBreakScoreTiesByDocumentIdDescendingAsTrecEval() {
        List<ScoredDoc> tied = List.of(new ScoredDoc("a", 1), new ScoredDoc("c", 1), new ScoredDoc("b", 1),
                new ScoredDoc("z", 0.5));

        assertThat(DocumentRanking.rankedIds(tied, 100)).containsExactly("c", "b", "a", "z");
        List<ScoredDoc> reversed = new ArrayList<>(tied);
        Collections.reverse(reversed);
        assertThat(DocumentRanking.rankedIds(reversed, 100)).containsExactly("c", "b", "a", "z");
    }

    @Test
    void shouldLetTheTieBreakDecideTheScoreOfATiedRelevantDocument() {
        List<ScoredDoc> tied = List.of(new ScoredDoc("rel", 1), new ScoredDoc("zzz", 1));

        List<String> ranked = DocumentRanking.rankedIds(tied, 100);

        // "zzz" > "rel", so the relevant document is second: RR = 1/2, nDCG = 1/log2(3)
        assertThat(RankingMetrics.reciprocalRankAt(10, ranked, Map.of("rel", 1))).isEqualTo(0.5);
        assertThat(RankingMetrics.ndcgAt(10, ranked, Map.of("rel", 1))).isCloseTo(0.6309, within(1e-4));
    }

    @Test
    void shouldRejectDepthBelowOneAndNaNScores() {
        assertThatThrownBy(() -> DocumentRanking.rank(List.of(), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ScoredDoc("a", Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }
}
