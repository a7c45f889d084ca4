package dev.docserve.search;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** Results, best first, with the time spent (query embedding included) and their count. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SearchResponse(List<SearchResult> results, double queryTimeMs, int totalResults) {
}
