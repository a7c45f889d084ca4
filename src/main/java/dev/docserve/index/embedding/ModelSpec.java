package dev.docserve.index.embedding;

/**
 * What doc-serve knows about an embedding model before loading it.
 *
 * @param name           canonical name, as recorded in index manifests
 * @param provider       who computes the vectors
 * @param dimension      vector length, or 0 when only the provider can tell (Ollama models)
 * @param maxInputTokens tokens read per input, special tokens excluded
 * @param queryPrefix    prepended to queries only (bge: its retrieval instruction), or ""
 * @param documentPrefix prepended to chunks only (e5: "passage: "), or ""
 */
public record ModelSpec(String name, Provider provider, int dimension, int maxInputTokens, String queryPrefix,
                        String documentPrefix) {

    public enum Provider {
        IN_PROCESS,
        OPENAI,
        OLLAMA
    }
}
