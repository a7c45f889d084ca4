package dev.docserve.retrieval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * A budgeted, file-grouped page of search results.
 *
 * @param mode        the search mode used
 * @param offset      rank of the first hit of this page, from 0
 * @param hitCount    hits on this page
 * @param nextOffset  the offset of the next page, or null when the ranking has no more hits
 * @param maxChars    the budget the text rendering keeps within
 * @param chars       characters of the text rendering ({@link #text})
 * @param trimmed     whether a snippet was cut or a hit moved to the next page to fit the budget
 * @param files       hits grouped by file, files ordered by their best hit
 * @param queryTimeMs time spent searching
 * @param text        the same answer as compact text, at most {@code maxChars} characters
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchAnswer(String mode, int offset, int hitCount, Integer nextOffset, int maxChars, int chars,
                           boolean trimmed, List<FileHits> files, double queryTimeMs, String text) {
}
