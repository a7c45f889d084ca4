package dev.docserve.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.search.fusion.FusedCandidate;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestFilePriorTest {

    private final TestFilePrior prior = new TestFilePrior(0.5);

    @Test
    void shouldWeighTestChunksAndReorder() {
        List<FusedCandidate> ranked = prior.reweigh(List.of(
                candidate("src/test/java/FooTest.java", 0.9),
                candidate("src/main/java/Foo.java", 0.6),
                candidate("docs/foo.md", 0.4)));

        assertThat(ranked).extracting(FusedCandidate::path)
                .containsExactly("src/main/java/Foo.java", "src/test/java/FooTest.java", "docs/foo.md");
        assertThat(ranked.get(1).score()).isEqualTo(0.45);
        assertThat(ranked.get(1).bm25Score()).as("the retriever's own score stays raw").isEqualTo(0.9);
    }

    @Test
    void shouldStepAsideWhenTheQueryAsksForTestsOrFiltersOnThem() {
        assertThat(prior.appliesTo(SearchRequest.of("where is the retry policy configured?"))).isTrue();
        assertThat(prior.appliesTo(SearchRequest.of("which tests cover the retry policy"))).isFalse();
        assertThat(prior.appliesTo(SearchRequest.of("the JUnit fixture for uploads"))).isFalse();
        assertThat(prior.appliesTo(SearchRequest.of("how is it tested?"))).isFalse();
        assertThat(prior.appliesTo(SearchRequest.of("latest contest results"))).as("whole words only").isTrue();
        assertThat(prior.appliesTo(SearchRequest.of("retry").withFilters(List.of("test"), List.of(), List.of()))).isFalse();
        assertThat(new TestFilePrior(1.0).appliesTo(SearchRequest.of("retry policy"))).as("weight 1 is off").isFalse();
    }

    @Test
    void shouldRejectAWeightOutsideZeroToOne() {
        assertThatThrownBy(() -> new TestFilePrior(0)).hasMessageContaining("(0, 1]");
        assertThatThrownBy(() -> new TestFilePrior(1.5)).hasMessageContaining("(0, 1]");
    }

    private static FusedCandidate candidate(String path, double score) {
        return new FusedCandidate(path + "#0", score, null, score, path, 0);
    }
}
