package dev.docserve.retrieval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The hits of one file, best first; files are ordered by their best hit.
 *
 * @param path       relative to the project root ('/'-separated), what {@code get} takes
 * @param sourceType doc, code or test
 * @param language   markdown, java, ...
 * @param bestScore  the score of the file's best hit
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FileHits(String path, String sourceType, String language, double bestScore, List<Hit> hits) {
}
