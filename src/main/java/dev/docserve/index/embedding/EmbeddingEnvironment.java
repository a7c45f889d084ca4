package dev.docserve.index.embedding;

import java.time.Duration;
import java.util.Map;

/**
 * Provider endpoints and credentials, taken from the environment by default.
 *
 * @param openAiApiKey  {@code OPENAI_API_KEY}; without it OpenAI model names fall back to the in-process model
 * @param openAiBaseUrl {@code OPENAI_BASE_URL}, e.g. an Azure or proxy endpoint; null for api.openai.com
 * @param ollamaBaseUrl {@code OLLAMA_BASE_URL}, default {@code http://localhost:11434}
 * @param timeout       per provider request of an index run (a batch of chunks), retried twice
 * @param queryTimeout  per provider request embedding a query, not retried: an agent waiting on a query
 *                      gets a 503 after this instead of three times the batch budget
 */
public record EmbeddingEnvironment(String openAiApiKey, String openAiBaseUrl, String ollamaBaseUrl, Duration timeout,
                                   Duration queryTimeout) {

    public static final String DEFAULT_OLLAMA_BASE_URL = "http://localhost:11434";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_QUERY_TIMEOUT = Duration.ofSeconds(10);

    /** With the default query budget. */
    public EmbeddingEnvironment(String openAiApiKey, String openAiBaseUrl, String ollamaBaseUrl, Duration timeout) {
        this(openAiApiKey, openAiBaseUrl, ollamaBaseUrl, timeout, DEFAULT_QUERY_TIMEOUT);
    }

    public static EmbeddingEnvironment from(Map<String, String> env) {
        return new EmbeddingEnvironment(blankToNull(env.get("OPENAI_API_KEY")), blankToNull(env.get("OPENAI_BASE_URL")),
                env.getOrDefault("OLLAMA_BASE_URL", DEFAULT_OLLAMA_BASE_URL), DEFAULT_TIMEOUT, DEFAULT_QUERY_TIMEOUT);
    }

    /** The same endpoints with other budgets ({@code doc-serve.embedding.*-timeout}). */
    public EmbeddingEnvironment withTimeouts(Duration documents, Duration queries) {
        return new EmbeddingEnvironment(openAiApiKey, openAiBaseUrl, ollamaBaseUrl, documents, queries);
    }

    /** Never prints the key: records print every component, and this one may end up in a log line. */
    @Override
    public String toString() {
        return "EmbeddingEnvironment[openAiApiKey=" + (openAiApiKey == null ? "unset" : "[redacted]") + ", openAiBaseUrl="
                + openAiBaseUrl + ", ollamaBaseUrl=" + ollamaBaseUrl + ", timeout=" + timeout + ", queryTimeout=" + queryTimeout + "]";
    }

    public static EmbeddingEnvironment fromSystem() {
        return from(System.getenv());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
