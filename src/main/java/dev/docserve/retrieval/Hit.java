package dev.docserve.retrieval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One search hit inside its file's group.
 *
 * @param chunkId   the id {@code get} (and {@code GET /documents?chunk_id=}) opens
 * @param rank      1-based position in the whole ranking (paging included)
 * @param startLine first line of the chunk, 1-based
 * @param endLine   last line of the chunk
 * @param heading   heading path of a document chunk, or null
 * @param symbol    code symbol of a code chunk, or null
 * @param score     ranking score in [0, 1] (see {@code SearchResult#score})
 * @param snippet   the chunk's text, trimmed to fit the budget
 * @param trimmed   whether the snippet was cut (open the chunk with {@code get} for all of it)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Hit(String chunkId, int rank, int startLine, int endLine, String heading, String symbol, double score,
                  String snippet, boolean trimmed) {

    Hit withSnippet(String value, boolean cut) {
        return new Hit(chunkId, rank, startLine, endLine, heading, symbol, score, value, cut);
    }
}
