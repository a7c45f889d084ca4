package dev.docserve.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResponse;
import dev.docserve.search.SearchResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budget is a contract: no rendering exceeds max_chars, whatever the hits and the budget. */
class BudgetedSearchTest {

    @Test
    void shouldNeverRenderMoreThanTheBudget() {
        SearchResponse response = response(12, 3000);
        for (int budget = Budgets.MIN_CHARS; budget <= 20_000; budget += 37) {
            SearchAnswer answer = BudgetedSearch.answer(SearchRequest.of("q").withTopK(10), 0, budget, response);
            assertThat(answer.text().length()).as("budget %d", budget).isLessThanOrEqualTo(budget);
            assertThat(answer.chars()).isEqualTo(answer.text().length());
        }
    }

    @Test
    void shouldGroupByFileBestFirstAndKeepRanks() {
        SearchAnswer answer = BudgetedSearch.answer(SearchRequest.of("q").withTopK(6), 0, 100_000, response(7, 100));
        // Hits alternate between three files: a.md (ranks 1, 4), b.md (2, 5), c.md (3, 6).
        assertThat(answer.files()).extracting(FileHits::path).containsExactly("docs/f0.md", "docs/f1.md", "docs/f2.md");
        assertThat(answer.files().get(0).hits()).extracting(Hit::rank).containsExactly(1, 4);
        assertThat(answer.trimmed()).isFalse();
        assertThat(answer.nextOffset()).as("a seventh result exists").isEqualTo(6);
        assertThat(answer.text()).startsWith("6 hits in 3 files (hybrid, ranks 1-6); next page: offset 6\n## docs/f0.md\n");
    }

    @Test
    void shouldMoveHitsThatDoNotFitToTheNextPage() {
        SearchAnswer answer = BudgetedSearch.answer(SearchRequest.of("q").withTopK(10), 0, 600, response(11, 2000));
        assertThat(answer.hitCount()).isBetween(1, 9);
        assertThat(answer.nextOffset()).isEqualTo(answer.hitCount());
        assertThat(answer.trimmed()).isTrue();
        answer.files().forEach(file -> file.hits().forEach(hit ->
                assertThat(hit.snippet().length()).isGreaterThanOrEqualTo(BudgetedSearch.MIN_SNIPPET - 20)));
    }

    @Test
    void shouldPageFromTheOffsetAndEndWhenTheRankingDoes() {
        SearchAnswer last = BudgetedSearch.answer(SearchRequest.of("q").withTopK(5), 5, 100_000, response(8, 50));
        assertThat(last.files().stream().flatMap(f -> f.hits().stream()).map(Hit::rank)).containsExactlyInAnyOrder(6, 7, 8);
        assertThat(last.nextOffset()).isNull();
    }

    @Test
    void shouldRefusePagesBeyondTheDeepestRanking() {
        assertThatThrownBy(() -> BudgetedSearch.window(SearchRequest.of("q").withTopK(50), 990))
                .hasMessageContaining("offset + top_k must stay below");
        assertThatThrownBy(() -> BudgetedSearch.window(SearchRequest.of("q"), -1)).hasMessageContaining("offset");
        assertThat(BudgetedSearch.window(SearchRequest.of("q"), 10).topK()).isEqualTo(16);
    }

    @Test
    void shouldTrimAtAWordBreakWithAnEllipsis() {
        assertThat(Budgets.trim("alpha beta gamma delta", 12)).isEqualTo("alpha beta…");
        assertThat(Budgets.trim("short", 12)).isEqualTo("short");
        assertThat(Budgets.trim("x".repeat(50), 10)).hasSize(10).endsWith("…");
    }

    private static SearchResponse response(int count, int textLength) {
        List<SearchResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String path = "docs/f" + (i % 3) + ".md";
            Map<String, Object> meta = new LinkedHashMap<>();
            meta.put("path", path);
            meta.put("heading", "Heading " + i);
            meta.put("start_line", i * 10 + 1);
            meta.put("end_line", i * 10 + 9);
            String text = ("word" + i + " ").repeat(textLength / 6 + 1).substring(0, textLength);
            results.add(new SearchResult(text, "/p/" + path, 1.0 - i * 0.05, null, null, "id" + i, "doc", "markdown", meta, null, false));
        }
        return new SearchResponse(results, 1.0, results.size());
    }
}
