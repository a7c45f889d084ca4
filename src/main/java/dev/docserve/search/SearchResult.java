package dev.docserve.search;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/**
 * One ranked chunk.
 *
 * @param text        the chunk's text
 * @param source      absolute path of the file
 * @param score       the ranking score, in [0, 1]:
 *                    <ul>
 *                    <li>vector: cosine similarity between query and chunk (clamped at 0);</li>
 *                    <li>bm25: BM25 score divided by the best BM25 score of the query (1 = best match);</li>
 *                    <li>hybrid: the fused score (see {@link dev.docserve.search.fusion.ScoreFusion}).</li>
 *                    </ul>
 * @param vectorScore cosine similarity, or null if the chunk was not among the vector candidates
 * @param bm25Score   raw BM25 score, or null if the chunk was not among the BM25 candidates
 * @param chunkId     stable chunk id
 * @param sourceType  doc, code or test
 * @param language    markdown, java, ...
 * @param metadata    path (relative to the project root), file_name, heading, symbol, start_line,
 *                    end_line, chunk_index
 * @param indexedAt   when the chunk's file was indexed, or null if the index holds no record of it
 * @param stale       whether the file on disk changed (or vanished) since it was indexed
 *                    ({@link FileFreshness}): the text may no longer be what the file says
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchResult(String text, String source, double score, Double vectorScore, Double bm25Score,
                           String chunkId, String sourceType, String language, Map<String, Object> metadata,
                           java.time.Instant indexedAt, boolean stale) {
}
