package dev.docserve.eval;

import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.Map;

/**
 * One mode's file-level scores: over all judged queries, and per value of the query labels
 * {@code kind} and {@code lexical} (groups in first-seen order; empty when no query carries the label).
 */
public record FileModeResult(
        String mode,
        FileScores all,
        @JsonProperty("by_kind") Map<String, FileScores> byKind,
        @JsonProperty("by_lexical") Map<String, FileScores> byLexical,
        LatencySummary latency) {

    public FileModeResult {
        byKind = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byKind));
        byLexical = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(byLexical));
    }
}
