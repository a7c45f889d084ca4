package dev.docserve.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code GET /health/status}: what the project's index holds (read from its last
 * commit, so it survives restarts), what is being indexed, and which embedding model serves it.
 *
 * @param embeddingModel       the model in use
 * @param configuredModel      the model the settings ask for
 * @param embeddingNote        why the model in use differs from the configured one (no API key, …), or null
 * @param indexEmbeddingModel  the model the index was built with, or null while empty
 * @param freshness            how current the index is: the watcher's state, changes not indexed yet
 */
public record StatusView(
        int totalDocuments,
        int totalChunks,
        int totalDocChunks,
        int totalCodeChunks,
        List<String> supportedLanguages,
        Map<String, Integer> languages,
        boolean indexingInProgress,
        String currentJobId,
        Integer progressPercent,
        Instant lastIndexedAt,
        List<String> indexedFolders,
        String mode,
        String stateDir,
        String projectRoot,
        String projectId,
        String embeddingModel,
        String configuredModel,
        String embeddingNote,
        String indexEmbeddingModel,
        int dimension,
        dev.docserve.index.watch.FreshnessStatus freshness) {
}
