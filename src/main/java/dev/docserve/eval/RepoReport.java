package dev.docserve.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;
import java.util.Map;

/**
 * The outcome of a file-level evaluation over a repository.
 *
 * @param files          files the index run selected under {@code repo/}
 * @param chunks         chunks indexed
 * @param chunksByType   chunks per file type (the language the loader gave the file: java, rst, markdown, ...)
 * @param indexingMillis wall time of the index run, embedding included
 * @param settings       what the run was made with (model, chunk size, fusion, alpha)
 */
public record RepoReport(
        String collection,
        String split,
        int files,
        int chunks,
        @JsonProperty("judged_queries") int judgedQueries,
        @JsonProperty("indexing_millis") long indexingMillis,
        Map<String, String> settings,
        @JsonProperty("chunks_by_type") Map<String, Integer> chunksByType,
        List<FileModeResult> modes) {

    public RepoReport {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
        chunksByType = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(chunksByType));
        modes = List.copyOf(modes);
    }
}
