package dev.docserve.index.embedding;

import java.util.Optional;

/**
 * The embedder serving a configured model name, and why it is another model if it is one
 * ({@code /health/status} shows this, per contract §6: "says so").
 */
public record EmbedderChoice(LangChain4jEmbedder embedder, String configuredModel, Optional<String> fallbackReason) {
}
