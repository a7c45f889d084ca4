package dev.docserve.search.fusion;

import dev.docserve.search.store.ScoredChunk;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionFusionTest {

    private final ScoreFusion fusion = new DistributionFusion();

    @Test
    void shouldStandardiseEachListAgainstItsOwnMeanAndSpread() {
        // vector scores 0.7, 0.8, 0.9: mean 0.8, σ = sqrt(0.02/3); BM25 alone for chunk "b"
        List<ScoredChunk> vector = List.of(chunk("a", 0.9), chunk("b", 0.8), chunk("c", 0.7));
        List<ScoredChunk> bm25 = List.of(chunk("b", 7.0));
        double sigma = Math.sqrt(0.02 / 3);

        Map<String, Double> scores = scores(fusion.fuse(vector, bm25, 0.5));

        double a = 0.5 * (0.9 - (0.8 - 3 * sigma)) / (6 * sigma);
        double b = 0.5 * 0.5 + 0.5 * 1.0; // the mean maps to 0.5; a list of one scores 1
        assertThat(scores.get("a")).isCloseTo(a, within(1e-9));
        assertThat(scores.get("b")).isCloseTo(b, within(1e-9));
    }

    @Test
    void shouldScoreTheHeadAlikeHoweverDeepTheListsWereFetched() {
        List<ScoredChunk> vector = descending("v", 50, 0.90, 0.002);
        List<ScoredChunk> bm25 = descending("b", 50, 20.0, 0.3);
        List<ScoredChunk> deeperVector = new ArrayList<>(vector);
        deeperVector.addAll(descending("vv", 150, 0.79, 0.001));
        List<ScoredChunk> deeperBm25 = new ArrayList<>(bm25);
        deeperBm25.addAll(descending("bb", 150, 5.0, 0.02));

        Map<String, Double> shallow = scores(fusion.fuse(vector, bm25, 0.5));
        Map<String, Double> deep = scores(fusion.fuse(deeperVector, deeperBm25, 0.5));

        // what a chunk of a retriever's top 50 scores does not depend on top_k (min-max's did: its floor was the last hit)
        shallow.forEach((id, score) -> assertThat(deep.get(id)).as(id).isCloseTo(score, within(1e-12)));
    }

    @Test
    void shouldRankEveryHitOfAListsTopFiftyAboveHitsFoundOnlyDeeper() {
        List<ScoredChunk> vector = new ArrayList<>(descending("v", 50, 0.90, 0.001));
        vector.add(chunk("deep", 0.849)); // rank 51, barely below the 50th
        List<ScoredChunk> bm25 = new ArrayList<>(descending("b", 50, 20.0, 0.1));
        bm25.add(chunk("deep", 14.9));

        List<FusedCandidate> fused = fusion.fuse(vector, bm25, 0.5);

        assertThat(fused.get(fused.size() - 1).chunkId()).isEqualTo("deep");
        assertThat(fused.get(fused.size() - 1).score()).isGreaterThan(0);
    }

    @Test
    void shouldLetAHitFarAheadOfItsListKeepItsLeadAndStillScoreWithinOne() {
        List<ScoredChunk> vector = new ArrayList<>(descending("v", 25, 0.90, 0.001));
        vector.add(chunk("identifier", 0.875));
        vector.addAll(descending("w", 24, 0.874, 0.001));
        List<ScoredChunk> bm25 = new ArrayList<>(List.of(chunk("identifier", 60.0)));
        bm25.addAll(descending("b", 49, 8.0, 0.05));

        List<FusedCandidate> fused = fusion.fuse(vector, bm25, 0.5);

        // far beyond μ + 3σ of the BM25 list, the exact match outweighs the vector side's narrow lead;
        // its sum exceeds 1, so every score is divided by it
        assertThat(fused.get(0).chunkId()).isEqualTo("identifier");
        assertThat(fused.get(0).score()).isEqualTo(1.0);
        assertThat(fused).allSatisfy(c -> assertThat(c.score()).isBetween(0.0, 1.0));
    }

    @Test
    void shouldRankByOneSideAtTheExtremesOfAlpha() {
        List<ScoredChunk> vector = List.of(chunk("1", 0.86), chunk("2", 0.85), chunk("3", 0.80));
        List<ScoredChunk> bm25 = List.of(chunk("3", 12.0), chunk("2", 11.0), chunk("4", 2.0));

        assertThat(fusion.fuse(vector, bm25, 1.0)).extracting(FusedCandidate::chunkId).startsWith("1", "2", "3");
        assertThat(fusion.fuse(vector, bm25, 0.0)).extracting(FusedCandidate::chunkId).startsWith("3", "2", "4");
    }

    @Test
    void shouldGiveEveryHitFullWeightWhenAListHasNoSpread() {
        List<FusedCandidate> fused = fusion.fuse(List.of(chunk("a", 0.8), chunk("b", 0.8)), List.of(), 1.0);

        assertThat(fused).extracting(FusedCandidate::score).containsExactly(1.0, 1.0);
    }

    @Test
    void shouldReturnNothingForTwoEmptyLists() {
        assertThat(fusion.fuse(List.of(), List.of(), 0.5)).isEmpty();
    }

    private static ScoredChunk chunk(String id, double score) {
        return new ScoredChunk(id, score, id + ".md", 0);
    }

    private static List<ScoredChunk> descending(String prefix, int count, double top, double step) {
        List<ScoredChunk> hits = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            hits.add(chunk(prefix + i, top - i * step));
        }
        return hits;
    }

    private static Map<String, Double> scores(List<FusedCandidate> fused) {
        return fused.stream().collect(Collectors.toMap(FusedCandidate::chunkId, FusedCandidate::score, (x, y) -> x));
    }

}
