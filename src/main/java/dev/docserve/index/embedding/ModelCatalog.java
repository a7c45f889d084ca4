package dev.docserve.index.embedding;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The embedding models doc-serve knows by name, with the facts that decide chunking and prompting.
 *
 * <p>Input limits of the in-process models come from measuring the tokenizers shipped in their Maven
 * artifacts (see {@code shared/notes/stack.md}): MiniLM's tokenizer truncates at 128 word pieces,
 * bge's at 512, both counting [CLS] and [SEP]; hence 126 and 510 readable tokens.
 */
public final class ModelCatalog {

    public static final String BGE_SMALL = "bge-small-en-v1.5";
    public static final String MINILM = "all-minilm-l6-v2";
    public static final String DEFAULT_IN_PROCESS = BGE_SMALL;
    public static final String OLLAMA_PREFIX = "ollama:";

    /** Ollama's default context is 2048 tokens; its models' tokenizers are not available locally. */
    static final int OLLAMA_MAX_INPUT_TOKENS = 2048;

    private static final Map<String, ModelSpec> KNOWN = Map.of(
            // No query instruction: measured on SciFact, bge-small-en-v1.5 ranks as well without BAAI's
            // "Represent this sentence for searching relevant passages: " (README, "Why these defaults"),
            // and a query a third shorter embeds ~1 ms faster.
            BGE_SMALL, new ModelSpec(BGE_SMALL, ModelSpec.Provider.IN_PROCESS, 384, 510, "", ""),
            MINILM, new ModelSpec(MINILM, ModelSpec.Provider.IN_PROCESS, 384, 126, "", ""),
            "text-embedding-3-large", new ModelSpec("text-embedding-3-large", ModelSpec.Provider.OPENAI, 3072, 8191, "", ""),
            "text-embedding-3-small", new ModelSpec("text-embedding-3-small", ModelSpec.Provider.OPENAI, 1536, 8191, "", ""),
            "text-embedding-ada-002", new ModelSpec("text-embedding-ada-002", ModelSpec.Provider.OPENAI, 1536, 8191, "", ""));

    private static final Map<String, String> ALIASES = Map.of(
            "bge-small-en-v15", BGE_SMALL,
            "bge-small-en-v15-q", BGE_SMALL,
            "bge-small-en-v1.5-q", BGE_SMALL,
            "baai/bge-small-en-v1.5", BGE_SMALL,
            "all-minilm-l6-v2-q", MINILM,
            "sentence-transformers/all-minilm-l6-v2", MINILM);

    private ModelCatalog() {
    }

    /**
     * The spec for a configured model name: a known name or alias (case-insensitive), or
     * {@code ollama:<model>}. Empty for names doc-serve cannot serve.
     */
    public static Optional<ModelSpec> lookup(String configuredName) {
        if (configuredName == null || configuredName.isBlank()) {
            return Optional.empty();
        }
        String name = configuredName.trim();
        if (name.regionMatches(true, 0, OLLAMA_PREFIX, 0, OLLAMA_PREFIX.length())) {
            String model = name.substring(OLLAMA_PREFIX.length()).trim();
            return model.isEmpty() ? Optional.empty()
                    : Optional.of(new ModelSpec(OLLAMA_PREFIX + model, ModelSpec.Provider.OLLAMA, 0,
                            OLLAMA_MAX_INPUT_TOKENS, "", ""));
        }
        String key = name.toLowerCase(Locale.ROOT);
        return Optional.ofNullable(KNOWN.get(ALIASES.getOrDefault(key, key)));
    }
}
