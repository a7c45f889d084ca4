package dev.docserve.search;

import dev.docserve.corpus.InvalidRequestException;

import dev.docserve.corpus.RequestLists;
import dev.docserve.corpus.SourceType;
import dev.docserve.corpus.Glob;
import java.util.List;

/**
 * A query (contract §4, {@code POST /query}).
 *
 * @param query               free text, 1–1000 characters; operators and punctuation are plain text
 * @param topK                results wanted, 1–50
 * @param similarityThreshold minimum {@code score} of a result, 0–1; what the score means depends on the
 *                            mode (see {@link SearchResult#score()}). Default 0: rank, do not hide. A
 *                            fixed cosine cut-off hides good results with models whose scores sit in a
 *                            narrow high band (bge: 0.6–0.9 for everything) and shows junk with others.
 * @param mode                vector, bm25 or hybrid
 * @param alpha               hybrid weight of the vector side, 0–1 (1 = pure vector, 0 = pure BM25)
 * @param fusion              how hybrid combines the two lists
 * @param sourceTypes         if not empty, only these source types (doc, code, test)
 * @param languages           if not empty, only these languages
 * @param filePaths           if not empty, only files whose path relative to the project root matches one glob
 */
public record SearchRequest(String query, int topK, double similarityThreshold, SearchMode mode, double alpha,
                            FusionMethod fusion, List<String> sourceTypes, List<String> languages,
                            List<String> filePaths) {

    public static final int MAX_QUERY_LENGTH = 1000;
    /** The most results the HTTP API hands out per query (contract §4). */
    public static final int MAX_TOP_K = 50;
    /** The most the engine ranks per query: deeper runs are for evaluation (Recall@100 over chunks). */
    public static final int ENGINE_MAX_TOP_K = 1000;
    public static final int DEFAULT_TOP_K = 5;
    public static final double DEFAULT_ALPHA = 0.5;
    public static final double DEFAULT_SIMILARITY_THRESHOLD = 0.0;

    public SearchRequest {
        if (query == null || query.isBlank()) {
            throw new InvalidRequestException("query must not be blank");
        }
        if (query.length() > MAX_QUERY_LENGTH) {
            throw new InvalidRequestException("query must be at most " + MAX_QUERY_LENGTH + " characters, got " + query.length());
        }
        if (topK < 1 || topK > ENGINE_MAX_TOP_K) {
            throw new InvalidRequestException("top_k must be between 1 and " + ENGINE_MAX_TOP_K + ", got " + topK);
        }
        if (!(similarityThreshold >= 0 && similarityThreshold <= 1)) {
            throw new InvalidRequestException("similarity_threshold must be between 0 and 1, got " + similarityThreshold);
        }
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new InvalidRequestException("alpha must be between 0 and 1, got " + alpha);
        }
        mode = mode == null ? SearchMode.HYBRID : mode;
        fusion = fusion == null ? FusionMethod.DEFAULT : fusion;
        sourceTypes = RequestLists.strings("source_types", sourceTypes);
        sourceTypes.forEach(SourceType::fromWireName); // rejects unknown types with the valid ones named
        languages = RequestLists.strings("languages", languages);
        filePaths = RequestLists.strings("file_paths", filePaths);
        filePaths.forEach(Glob::of); // rejects blank or malformed globs
    }

    /** A hybrid query with the contract's defaults. */
    public static SearchRequest of(String query) {
        return new SearchRequest(query, DEFAULT_TOP_K, DEFAULT_SIMILARITY_THRESHOLD, SearchMode.HYBRID, DEFAULT_ALPHA,
                FusionMethod.DEFAULT, List.of(), List.of(), List.of());
    }

    public SearchRequest withMode(SearchMode value) {
        return new SearchRequest(query, topK, similarityThreshold, value, alpha, fusion, sourceTypes, languages, filePaths);
    }

    public SearchRequest withTopK(int value) {
        return new SearchRequest(query, value, similarityThreshold, mode, alpha, fusion, sourceTypes, languages, filePaths);
    }

    public SearchRequest withThreshold(double value) {
        return new SearchRequest(query, topK, value, mode, alpha, fusion, sourceTypes, languages, filePaths);
    }

    public SearchRequest withAlpha(double value) {
        return new SearchRequest(query, topK, similarityThreshold, mode, value, fusion, sourceTypes, languages, filePaths);
    }

    public SearchRequest withFusion(FusionMethod value) {
        return new SearchRequest(query, topK, similarityThreshold, mode, alpha, value, sourceTypes, languages, filePaths);
    }

    public SearchRequest withFilters(List<String> types, List<String> langs, List<String> paths) {
        return new SearchRequest(query, topK, similarityThreshold, mode, alpha, fusion, types, langs, paths);
    }
}
