package dev.docserve.index;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.docserve.index.loading.SkipReason;
import java.util.Map;

/**
 * What an index run did.
 *
 * @param folder             the real path of the indexed folder
 * @param filesSelected      files the walk selected
 * @param filesIndexed       new or changed files (re)indexed
 * @param filesUnchanged     files skipped because content and settings were unchanged
 * @param filesRemoved       files removed from the index (deleted, renamed away, or no longer selected)
 * @param filesSkipped       files not indexed, per {@link SkipReason#wireName()} (not_selected, binary, too_large, ...)
 * @param chunksIndexed      chunks written by this run
 * @param requestedChunkSize chunk_size of the request
 * @param effectiveChunkSize chunk size used: at most what the model reads
 * @param chunkOverlap       overlap used
 * @param embeddingModel     model the chunks were embedded with
 * @param durationMs         wall time of the run
 * @param embeddingMs        time spent inside the embedding model
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IndexReport(String folder, int filesSelected, int filesIndexed, int filesUnchanged, int filesRemoved,
                          Map<String, Integer> filesSkipped, int chunksIndexed, int requestedChunkSize,
                          int effectiveChunkSize, int chunkOverlap, String embeddingModel, long durationMs,
                          long embeddingMs) {
}
