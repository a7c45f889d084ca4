package dev.docserve.retrieval;

import dev.docserve.corpus.InvalidRequestException;
import dev.docserve.index.ProjectIndex;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResponse;
import dev.docserve.search.SearchResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A page of search results grouped by file and sized to a character budget.
 *
 * <p>Paging: the page is ranks {@code [offset, offset + top_k)} of the whole ranking; one more result is
 * asked for to know whether a next page exists.
 *
 * <p>Budget: the text rendering is {@code overhead + Σ snippet lengths}, where the overhead (headline,
 * file lines, hit lines, one newline per snippet) does not depend on the snippets. The page keeps the
 * best {@code k} hits for which every snippet still gets {@link #MIN_SNIPPET} characters (hits dropped
 * move to the next page: {@code next_offset} points at the first of them), then shares the rest by
 * water-filling: short snippets keep their whole text, and what they leave is split evenly among the
 * longer ones, which are trimmed to their share. So the rendering never exceeds the budget.
 */
public final class BudgetedSearch {

    /** Below this a snippet says too little to judge a hit by; a hit moves to the next page instead. */
    static final int MIN_SNIPPET = 120;

    private BudgetedSearch() {
    }

    /**
     * @param request the query; its {@code topK} is the page size
     * @param offset  rank of the first hit wanted, from 0
     * @throws IllegalArgumentException if offset is negative or the page reaches beyond the deepest ranking
     */
    public static SearchAnswer search(ProjectIndex index, SearchRequest request, int offset, int maxChars)
            throws IOException {
        return answer(request, offset, maxChars, index.query(window(request, offset)));
    }

    /** The engine request for a page: ranks {@code 0 .. offset + top_k}, one extra to see whether more exist. */
    public static SearchRequest window(SearchRequest request, int offset) {
        if (offset < 0) {
            throw new InvalidRequestException("offset must be 0 or more, got " + offset);
        }
        int depth = offset + request.topK() + 1;
        if (depth > SearchRequest.ENGINE_MAX_TOP_K) {
            throw new InvalidRequestException("offset + top_k must stay below " + SearchRequest.ENGINE_MAX_TOP_K
                    + ", got " + (offset + request.topK()) + ": refine the query instead of paging that deep");
        }
        return request.withTopK(depth);
    }

    /** Builds the page from a response to {@link #window(SearchRequest, int)}. */
    public static SearchAnswer answer(SearchRequest request, int offset, int maxChars, SearchResponse response) {
        List<SearchResult> ranked = response.results();
        int end = Math.min(ranked.size(), offset + request.topK());
        List<Hit> page = new ArrayList<>();
        Map<String, SearchResult> firstOfFile = new LinkedHashMap<>();
        List<String> pathOfHit = new ArrayList<>();
        for (int i = offset; i < end; i++) {
            SearchResult result = ranked.get(i);
            page.add(toHit(result, i + 1));
            String path = path(result);
            pathOfHit.add(path);
            firstOfFile.putIfAbsent(path, result);
        }
        boolean moreInRanking = ranked.size() > end;
        String mode = request.mode().name().toLowerCase(java.util.Locale.ROOT);

        int kept = page.size();
        List<FileHits> groups;
        int overhead;
        while (true) {
            Integer next = kept < page.size() || moreInRanking ? offset + kept : null;
            groups = group(page.subList(0, kept).stream().map(h -> h.withSnippet("", false)).toList(), pathOfHit, firstOfFile);
            overhead = AnswerText.render(mode, offset, kept, next, groups).length();
            int free = maxChars - overhead;
            if (kept == 0 || free >= kept * MIN_SNIPPET || (kept == 1 && free >= 1)) {
                break;
            }
            kept--;
        }
        Integer nextOffset = kept < page.size() || moreInRanking ? offset + kept : null;
        List<Hit> fitted = fit(page.subList(0, kept), Math.max(0, maxChars - overhead));
        boolean trimmed = kept < page.size() || fitted.stream().anyMatch(Hit::trimmed);
        groups = group(fitted, pathOfHit, firstOfFile);
        String text = AnswerText.render(mode, offset, kept, nextOffset, groups);
        if (text.length() > maxChars) {
            // Only a budget too small for one hit's location line gets here: say so rather than overflow.
            groups = List.of();
            text = Budgets.trim("max_chars " + maxChars + " is too small for one hit; ask again with a larger max_chars",
                    maxChars);
            nextOffset = page.isEmpty() ? null : offset;
            kept = 0;
            trimmed = true;
        }
        return new SearchAnswer(mode, offset, kept, nextOffset, maxChars, text.length(), trimmed, groups,
                response.queryTimeMs(), text);
    }

    /** Water-filling over the snippets, shortest first, in at most {@code free} characters together. */
    private static List<Hit> fit(List<Hit> hits, int free) {
        Hit[] out = hits.toArray(new Hit[0]);
        Integer[] order = new Integer[out.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, Comparator.comparingInt(i -> out[i].snippet().length()));
        int left = free;
        for (int n = 0; n < order.length; n++) {
            int share = left / (order.length - n);
            Hit hit = out[order[n]];
            String snippet = Budgets.trim(hit.snippet(), share);
            left -= snippet.length();
            out[order[n]] = hit.withSnippet(snippet, snippet.length() < hit.snippet().length());
        }
        return List.of(out);
    }

    private static List<FileHits> group(List<Hit> hits, List<String> pathOfHit, Map<String, SearchResult> firstOfFile) {
        Map<String, List<Hit>> byFile = new LinkedHashMap<>();
        for (int i = 0; i < hits.size(); i++) {
            byFile.computeIfAbsent(pathOfHit.get(i), p -> new ArrayList<>()).add(hits.get(i));
        }
        List<FileHits> groups = new ArrayList<>();
        byFile.forEach((path, fileHits) -> {
            SearchResult first = firstOfFile.get(path);
            groups.add(new FileHits(path, first.sourceType(), first.language(), fileHits.get(0).score(), List.copyOf(fileHits)));
        });
        return groups;
    }

    private static Hit toHit(SearchResult result, int rank) {
        Map<String, Object> meta = result.metadata();
        return new Hit(result.chunkId(), rank, number(meta.get("start_line")), number(meta.get("end_line")),
                (String) meta.get("heading"), (String) meta.get("symbol"), result.score(), result.text().strip(), false);
    }

    private static String path(SearchResult result) {
        Object path = result.metadata().get("path");
        return path == null ? result.source() : path.toString();
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : 0;
    }
}
