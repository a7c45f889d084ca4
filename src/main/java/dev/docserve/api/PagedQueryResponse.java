package dev.docserve.api;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.docserve.index.ProjectIndex;
import dev.docserve.retrieval.BudgetedSearch;
import dev.docserve.retrieval.FileHits;
import dev.docserve.retrieval.Hit;
import dev.docserve.retrieval.SearchAnswer;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResponse;
import dev.docserve.search.SearchResult;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /query} with {@code max_chars}, {@code offset} or {@code group_by_file}: the contract's fields
 * ({@code results}, {@code query_time_ms}, {@code total_results}) for the page, each result's text trimmed
 * to its snippet, plus the file groups and the paging fields of the MCP {@code search} tool.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PagedQueryResponse(List<SearchResult> results, double queryTimeMs, int totalResults, int offset,
                                 Integer nextOffset, int maxChars, int chars, boolean trimmed, List<FileHits> files,
                                 String text) {

    static PagedQueryResponse of(ProjectIndex index, SearchRequest request, int offset, int maxChars) throws IOException {
        SearchResponse response = index.query(BudgetedSearch.window(request, offset));
        SearchAnswer answer = BudgetedSearch.answer(request, offset, maxChars, response);
        Map<String, SearchResult> byId = new HashMap<>();
        response.results().forEach(r -> byId.put(r.chunkId(), r));
        List<SearchResult> results = answer.files().stream().flatMap(f -> f.hits().stream())
                .sorted(java.util.Comparator.comparingInt(Hit::rank))
                .map(hit -> {
                    SearchResult r = byId.get(hit.chunkId());
                    return new SearchResult(hit.snippet(), r.source(), r.score(), r.vectorScore(), r.bm25Score(),
                            r.chunkId(), r.sourceType(), r.language(), r.metadata(), r.indexedAt(), r.stale());
                }).toList();
        return new PagedQueryResponse(results, answer.queryTimeMs(), results.size(), offset, answer.nextOffset(),
                maxChars, answer.chars(), answer.trimmed(), answer.files(), answer.text());
    }
}
