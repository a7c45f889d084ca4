package dev.docserve.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgements: query id → document id → grade. A grade ≥ 1 means relevant
 * (trec_eval's default relevance level); grade 0 or below means judged not relevant.
 * A query is <em>judged</em> when it has at least one entry, whatever the grades.
 */
public record Qrels(Map<String, Map<String, Integer>> gradesByQuery) {

    public Qrels {
        Map<String, Map<String, Integer>> copy = new LinkedHashMap<>();
        gradesByQuery.forEach((query, grades) -> copy.put(query, Map.copyOf(grades)));
        gradesByQuery = Collections.unmodifiableMap(copy);
    }

    /** Grades of one query's judged documents; empty for an unjudged query. */
    public Map<String, Integer> gradesFor(String queryId) {
        return gradesByQuery.getOrDefault(queryId, Map.of());
    }

    public Set<String> judgedQueryIds() {
        return gradesByQuery.keySet();
    }

    /** Number of (query, document) judgements. */
    public int size() {
        return gradesByQuery.values().stream().mapToInt(Map::size).sum();
    }
}
