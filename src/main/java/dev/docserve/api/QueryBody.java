package dev.docserve.api;

import java.util.List;

/**
 * The body of {@code POST /query}. Only {@code query} is required. {@code fusion} (minmax or rrf)
 * picks how hybrid mode combines the two result lists; see the README for the measurements behind
 * the default.
 */
public record QueryBody(
        String query,
        Integer topK,
        Double similarityThreshold,
        String mode,
        Double alpha,
        String fusion,
        List<String> sourceTypes,
        List<String> languages,
        List<String> filePaths,
        String projectId) {
}
