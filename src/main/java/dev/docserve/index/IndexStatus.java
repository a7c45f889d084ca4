package dev.docserve.index;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a project's index holds, read from the last commit (so it survives restarts).
 *
 * @param totalDocuments  files indexed
 * @param totalChunks     all chunks
 * @param totalDocChunks  documentation chunks
 * @param totalCodeChunks code chunks, tests included
 * @param totalTestChunks test chunks
 * @param languages       chunks per language
 * @param lastIndexedAt   end of the last completed run, or null
 * @param indexedFolders  folders indexed, absolute
 * @param embeddingModel  model the index was built with, or null when empty
 * @param dimension       its vector length, 0 when empty
 * @param chunkSize       effective chunk size of the last run, 0 when empty
 * @param chunkOverlap    overlap of the last run
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IndexStatus(int totalDocuments, int totalChunks, int totalDocChunks, int totalCodeChunks,
                          int totalTestChunks, Map<String, Integer> languages, Instant lastIndexedAt,
                          List<String> indexedFolders, String embeddingModel, int dimension, int chunkSize,
                          int chunkOverlap) {
}
