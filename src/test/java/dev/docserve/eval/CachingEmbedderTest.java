package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.index.embedding.Embedder;
import dev.langchain4j.model.TokenCountEstimator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CachingEmbedderTest {

    @TempDir
    Path dir;

    @Test
    void shouldReturnTheModelsOwnVectorsAndEmbedOnlyNewTextsAcrossRuns() throws IOException {
        CountingModel model = new CountingModel();
        List<float[]> first;
        try (CachingEmbedder cache = CachingEmbedder.open(model, dir)) {
            first = cache.embedDocuments(List.of("alpha", "beta"));
        }
        List<float[]> second;
        try (CachingEmbedder cache = CachingEmbedder.open(model, dir)) {
            second = cache.embedDocuments(List.of("beta", "gamma", "alpha"));
            assertThat(cache.hitRate()).isEqualTo("2/3");
        }

        assertThat(model.embedded).containsExactly("alpha", "beta", "gamma");
        assertThat(second.get(0)).isEqualTo(first.get(1));
        assertThat(second.get(2)).isEqualTo(first.get(0));
        assertThat(second.get(1)).isEqualTo(model.vector("gamma"));
    }

    /** A stand-in model at the provider boundary: a vector derived from the text, and a log of what it embedded. */
    private static final class CountingModel implements Embedder {
        final List<String> embedded = new ArrayList<>();

        float[] vector(String text) {
            return new float[] {text.length(), text.charAt(0), 0.5f};
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            embedded.addAll(texts);
            return texts.stream().map(this::vector).toList();
        }

        @Override
        public float[] embedQuery(String text) {
            return vector(text);
        }

        @Override
        public String modelName() {
            return "counting";
        }

        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public int maxInputTokens() {
            return 512;
        }

        @Override
        public TokenCountEstimator tokenCounter() {
            throw new UnsupportedOperationException("not used");
        }
    }
}
