package dev.docserve.api;

import java.util.List;

/**
 * The body of {@code POST /query}. Only {@code query} is required. {@code fusion} (dbsf, minmax or rrf)
 * picks how hybrid mode combines the two result lists; see the README for the measurements behind
 * the default.
 *
 * <p>Agent-sized answers (additive: without these three the response is exactly as before):
 * {@code max_chars} bounds the answer's text, trimming snippets and moving hits that do not fit to the
 * next page; {@code offset} starts the page at that rank; {@code group_by_file} adds the hits grouped by
 * file. Any of them adds {@code files}, {@code offset}, {@code next_offset}, {@code max_chars},
 * {@code trimmed} and {@code text} to the response, and each result's {@code text} becomes its snippet.
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
        String projectId,
        Integer maxChars,
        Integer offset,
        Boolean groupByFile) {

    boolean wantsPage() {
        return maxChars != null || offset != null || Boolean.TRUE.equals(groupByFile);
    }
}
