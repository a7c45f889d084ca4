package dev.docserve.index.embedding;

import dev.docserve.testing.Eventually;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * An in-process model left unused is closed (its ONNX session and native tokenizer freed) and loaded
 * again by the next call, which gets the same vectors as before.
 */
class IdleUnloadTest {

    private static final List<String> TEXTS = List.of("How are failed requests retried?",
            "Retries use exponential backoff with jitter, at most five attempts.");

    @Test
    void anIdleModelShouldBeUnloadedAndAnswerIdenticallyOnceLoadedAgain() {
        LangChain4jEmbedder embedder = (LangChain4jEmbedder) new EmbedderFactory(EmbeddingEnvironment.from(Map.of()),
                Duration.ofMillis(200)).create(ModelCatalog.BGE_SMALL).embedder();
        assertThat(embedder.isLoaded()).isFalse();

        List<float[]> before = embedder.embedDocuments(TEXTS);
        float[] query = embedder.embedQuery("retry with backoff");
        Eventually.await("the idle model unloaded", Duration.ofSeconds(30), () -> embedder.isLoaded() ? null : true);

        List<float[]> after = embedder.embedDocuments(TEXTS);
        assertThat(embedder.isLoaded()).isTrue();
        for (int i = 0; i < TEXTS.size(); i++) {
            assertThat(after.get(i)).hasSize(384);
            for (int d = 0; d < 384; d++) {
                assertThat(after.get(i)[d]).isCloseTo(before.get(i)[d], within(1e-6f));
            }
        }
        Eventually.await("unloaded again", Duration.ofSeconds(30), () -> embedder.isLoaded() ? null : true);
        // A new query text (the recent-query cache would answer a repeated one without the model).
        float[] again = embedder.embedQuery("retry with backoff, please");
        assertThat(embedder.isLoaded()).isTrue();
        assertThat(again).hasSameSizeAs(query);
    }

    @Test
    void withoutAnIdleUnloadTheModelShouldStayLoaded() {
        LangChain4jEmbedder embedder = (LangChain4jEmbedder) new EmbedderFactory(EmbeddingEnvironment.from(Map.of()))
                .create(ModelCatalog.BGE_SMALL).embedder();
        embedder.embedDocuments(TEXTS);
        embedder.unloadIfIdle();
        assertThat(embedder.isLoaded()).isTrue();
    }
}
