package dev.docserve.search.fusion;

import dev.docserve.search.store.ScoredChunk;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class FusionTest {

    private final ScoreFusion minMax = new MinMaxFusion();
    private final ScoreFusion rrf = new ReciprocalRankFusion(60);

    // bge-like vector scores (narrow band) and BM25 scores (wide band)
    private final List<ScoredChunk> vector = List.of(new ScoredChunk("1", 0.86, "doc1.md", 0), new ScoredChunk("2", 0.85, "doc2.md", 0), new ScoredChunk("3", 0.80, "doc3.md", 0));
    private final List<ScoredChunk> bm25 = List.of(new ScoredChunk("3", 12.0, "doc3.md", 0), new ScoredChunk("2", 11.0, "doc2.md", 0), new ScoredChunk("4", 2.0, "doc4.md", 0));

    @Test
    void shouldStretchEachListToTheUnitIntervalBeforeWeighting() {
        List<FusedCandidate> fused = minMax.fuse(vector, bm25, 0.5);

        // doc 2: 0.5 * (0.85-0.80)/(0.86-0.80) + 0.5 * (11-2)/(12-2)
        assertThat(score(fused, "2")).isCloseTo(0.5 * (0.05 / 0.06) + 0.5 * 0.9, within(1e-9));
        assertThat(score(fused, "3")).isCloseTo(0.5 * 0 + 0.5 * 1.0, within(1e-9));
        assertThat(fused.get(0).chunkId()).isEqualTo("2");
        assertThat(fused).extracting(FusedCandidate::chunkId).containsExactlyInAnyOrder("1", "2", "3", "4");
    }

    @Test
    void shouldRankByOneSideAtTheExtremesOfAlpha() {
        assertThat(minMax.fuse(vector, bm25, 1.0)).extracting(FusedCandidate::chunkId).startsWith("1", "2", "3");
        assertThat(minMax.fuse(vector, bm25, 0.0)).extracting(FusedCandidate::chunkId).startsWith("3", "2");
        assertThat(rrf.fuse(vector, bm25, 1.0)).extracting(FusedCandidate::chunkId).startsWith("1", "2", "3");
    }

    @Test
    void shouldBreakTiesByPathThenPositionInTheFileNotByChunkId() {
        List<ScoredChunk> tied = List.of(new ScoredChunk("a", 0.5, "b/x.md", 0), new ScoredChunk("z", 0.5, "a/x.md", 1),
                new ScoredChunk("m", 0.5, "a/x.md", 0));

        assertThat(minMax.fuse(tied, List.of(), 1.0)).extracting(FusedCandidate::chunkId).containsExactly("m", "z", "a");
        assertThat(minMax.fuse(List.of(), tied, 0.0)).extracting(FusedCandidate::chunkId).containsExactly("m", "z", "a");
        assertThat(tied.stream().sorted(ScoredChunk.RANKING)).extracting(ScoredChunk::chunkId).containsExactly("m", "z", "a");
    }

    @Test
    void shouldGiveFullScoreWhenAllScoresOfAListAreEqual() {
        List<FusedCandidate> fused = minMax.fuse(List.of(new ScoredChunk("7", 0.5, "doc7.md", 0), new ScoredChunk("8", 0.5, "doc8.md", 0)), List.of(), 1.0);

        assertThat(fused).extracting(FusedCandidate::score).containsExactly(1.0, 1.0);
        assertThat(fused).extracting(FusedCandidate::chunkId).as("ties broken by path").containsExactly("7", "8");
    }

    @Test
    void shouldKeepRawScoresOfEachSideAndNullForAbsentSides() {
        List<FusedCandidate> fused = minMax.fuse(vector, bm25, 0.5);

        FusedCandidate onlyVector = find(fused, "1");
        FusedCandidate onlyBm25 = find(fused, "4");
        assertThat(onlyVector.vectorScore()).isEqualTo(0.86);
        assertThat(onlyVector.bm25Score()).isNull();
        assertThat(onlyBm25.vectorScore()).isNull();
        assertThat(onlyBm25.bm25Score()).isEqualTo(2.0);
    }

    @Test
    void shouldSumReciprocalRanksWithOneBasedRanks() {
        List<FusedCandidate> fused = rrf.fuse(vector, bm25, 0.5);

        // doc 2 is rank 2 in both lists; doc 3 is rank 3 and rank 1
        assertThat(score(fused, "2")).isCloseTo((0.5 / 62 + 0.5 / 62) * 61, within(1e-9));
        assertThat(score(fused, "3")).isCloseTo((0.5 / 63 + 0.5 / 61) * 61, within(1e-9));
        assertThat(rrf.fuse(List.of(new ScoredChunk("1", 0.1, "doc1.md", 0)), List.of(new ScoredChunk("1", 9, "doc1.md", 0)), 0.5).get(0).score())
                .as("first in both lists is the maximum").isCloseTo(1.0, within(1e-9));
    }

    @Test
    void shouldReturnNothingForTwoEmptyLists() {
        assertThat(minMax.fuse(List.of(), List.of(), 0.5)).isEmpty();
        assertThat(rrf.fuse(List.of(), List.of(), 0.5)).isEmpty();
    }

    private static double score(List<FusedCandidate> fused, String chunkId) {
        return find(fused, chunkId).score();
    }

    private static FusedCandidate find(List<FusedCandidate> fused, String chunkId) {
        return fused.stream().filter(c -> c.chunkId().equals(chunkId)).findFirst().orElseThrow();
    }
}
