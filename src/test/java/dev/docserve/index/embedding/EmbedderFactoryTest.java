package dev.docserve.index.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.testing.TestEmbedders;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EmbedderFactoryTest {

    /** A vector of the given length whose components grow with the input's length: not unit length. */
    private static List<Double> rawVector(String input, int dimension) {
        return IntStream.range(0, dimension).mapToObj(i -> (double) input.length() + i).toList();
    }

    @Test
    void shouldEmbedThroughOpenAiCompatibleApiWithTheKeyAndBaseUrlFromTheEnvironment() throws IOException {
        try (StandInServer openAi = new StandInServer(body -> {
            List<Map<String, Object>> data = new ArrayList<>();
            JsonNode input = body.get("input");
            for (int i = 0; i < input.size(); i++) {
                data.add(Map.of("object", "embedding", "index", i, "embedding", rawVector(input.get(i).asText(), 1536)));
            }
            return Map.of("object", "list", "data", data, "model", body.get("model").asText(),
                    "usage", Map.of("prompt_tokens", 3, "total_tokens", 3));
        })) {
            EmbedderFactory factory = new EmbedderFactory(new EmbeddingEnvironment("sk-test", openAi.baseUrl() + "/v1",
                    null, Duration.ofSeconds(10)));

            EmbedderChoice choice = factory.create("text-embedding-3-small");
            List<float[]> vectors = choice.embedder().embedDocuments(List.of("alpha", "beta gamma"));
            float[] query = choice.embedder().embedQuery("where is alpha");

            assertThat(choice.fallbackReason()).isEmpty();
            assertThat(choice.embedder().modelName()).isEqualTo("text-embedding-3-small");
            assertThat(choice.embedder().dimension()).isEqualTo(1536);
            assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5)));
            assertThat(query).hasSize(1536);
            StandInServer.Received first = openAi.requests.get(0);
            assertThat(first.path()).isEqualTo("/v1/embeddings");
            assertThat(first.authorization()).isEqualTo("Bearer sk-test");
            assertThat(first.body().get("model").asText()).isEqualTo("text-embedding-3-small");
            assertThat(openAi.requests.get(1).body().get("input").get(0).asText())
                    .as("OpenAI models take the query as it is").isEqualTo("where is alpha");
            assertThat(choice.embedder().embedQuery("where is alpha")).isEqualTo(query);
            assertThat(openAi.requests).as("a repeated query is answered from the cache").hasSize(2);
            assertThat(choice.embedder().tokenCounter().estimateTokenCountInText("hello world")).isEqualTo(2);
        }
    }

    /**
     * Issue 18: a query embedded by a provider that took the connection and never answered waited for the
     * batch budget (60 s) three times over (two retries). A query now has its own budget and no retry.
     */
    @Test
    void shouldGiveUpOnAQueryAtTheQueryBudgetWithoutRetryingWhenTheProviderDoesNotAnswer() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        try (StandInServer hung = new StandInServer(body -> {
            try {
                release.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Map.of();
        })) {
            try {
                Embedder embedder = new EmbedderFactory(new EmbeddingEnvironment("sk-test", hung.baseUrl() + "/v1", null,
                        Duration.ofSeconds(60), Duration.ofMillis(500))).create("text-embedding-3-small").embedder();

                assertThatThrownBy(() -> embedder.embedQuery("where is alpha")).isInstanceOf(EmbeddingException.class);
                Thread.sleep(1_000); // a retry would have arrived by now
                assertThat(hung.requests).as("one request, no retry").hasSize(1);
            } finally {
                release.countDown();
            }
        }
    }

    @Test
    void shouldEmbedThroughOllama() throws IOException {
        try (StandInServer ollama = new StandInServer(body -> {
            List<List<Double>> embeddings = new ArrayList<>();
            body.get("input").forEach(t -> embeddings.add(rawVector(t.asText(), 768)));
            return Map.of("model", body.get("model").asText(), "embeddings", embeddings);
        })) {
            EmbedderFactory factory = new EmbedderFactory(new EmbeddingEnvironment(null, null, ollama.baseUrl(),
                    Duration.ofSeconds(10)));

            EmbedderChoice choice = factory.create("ollama:nomic-embed-text");
            List<float[]> vectors = choice.embedder().embedDocuments(List.of("one", "two"));

            assertThat(choice.embedder().modelName()).isEqualTo("ollama:nomic-embed-text");
            assertThat(choice.embedder().dimension()).isEqualTo(768);
            assertThat(vectors).hasSize(2).allSatisfy(v -> assertThat(norm(v)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5)));
            StandInServer.Received first = ollama.requests.get(0);
            assertThat(first.path()).isEqualTo("/api/embed");
            assertThat(first.body().get("model").asText()).isEqualTo("nomic-embed-text");
        }
    }

    @Test
    void shouldFallBackToTheInProcessModelWithoutAnOpenAiKeyAndSaySo() {
        EmbedderChoice choice = new EmbedderFactory(EmbeddingEnvironment.from(Map.of())).create("text-embedding-3-large");

        assertThat(choice.embedder().modelName()).isEqualTo(ModelCatalog.BGE_SMALL);
        assertThat(choice.fallbackReason()).hasValueSatisfying(r -> assertThat(r).contains("OPENAI_API_KEY"));
    }

    @Test
    void shouldKnowInProcessModelsByAliasWithoutLoadingThem() {
        EmbedderFactory factory = new EmbedderFactory(EmbeddingEnvironment.from(Map.of()));

        LangChain4jEmbedder minilm = factory.create("all-MiniLM-L6-v2-q").embedder();

        assertThat(minilm.modelName()).isEqualTo(ModelCatalog.MINILM);
        assertThat(minilm.dimension()).isEqualTo(384);
        assertThat(minilm.maxInputTokens()).isEqualTo(126);
        assertThat(factory.create("BAAI/bge-small-en-v1.5").embedder().maxInputTokens()).isEqualTo(510);
    }

    @Test
    void shouldEmbedABgeQueryAsTheSameTextWithoutAnInstruction() {
        var bge = TestEmbedders.bgeSmall();
        String text = "The borrow checker enforces reference lifetimes.";

        float[] asDocument = bge.embedDocuments(List.of(text)).get(0);
        float[] asQuery = bge.embedQuery(text);

        assertThat(dot(asDocument, asQuery)).as("measured: bge-small ranks as well without BAAI's instruction")
                .isGreaterThan(0.9999);
        assertThat(dot(asQuery, bge.embedQuery("How long may a reference live?"))).isLessThan(0.99);
    }

    @Test
    void shouldReadTheWholeOfTheLargestChunk() {
        var bge = TestEmbedders.bgeSmall();
        String words = IntStream.range(0, 2000).mapToObj(i -> "word" + (i % 97)).collect(Collectors.joining(" "));
        String chunk = trimToTokens(bge, words, bge.maxInputTokens() - 1);
        assertThat(bge.tokenCounter().estimateTokenCountInText(chunk)).isBetween(bge.maxInputTokens() - 8, bge.maxInputTokens() - 1);

        float[] original = bge.embedDocuments(List.of(chunk)).get(0);
        float[] lastWordChanged = bge.embedDocuments(List.of(chunk.substring(0, chunk.lastIndexOf(' ')) + " zebra")).get(0);

        assertThat(dot(original, lastWordChanged)).as("a change in the last token must reach the vector").isLessThan(0.99999);
    }

    private static String trimToTokens(dev.docserve.index.embedding.Embedder e, String text, int tokens) {
        String t = text;
        while (e.tokenCounter().estimateTokenCountInText(t) > tokens) {
            t = t.substring(0, t.lastIndexOf(' '));
        }
        return t;
    }

    private static double norm(float[] v) {
        return Math.sqrt(dot(v, v));
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
