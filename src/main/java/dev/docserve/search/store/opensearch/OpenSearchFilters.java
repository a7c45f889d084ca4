package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.ChunkFilter;
import dev.docserve.search.store.IndexSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.query_dsl.Query;

/**
 * A {@link ChunkFilter} as one OpenSearch bool filter, used inside the k-NN query (so k-NN filters
 * while searching, as Lucene's pre-filter does) and as the filter clause of the BM25 query. Path
 * regexes are Lucene {@code RegExp} syntax, which the {@code regexp} query reads the same way.
 */
final class OpenSearchFilters {

    private OpenSearchFilters() {
    }

    static Query of(ChunkFilter filter) {
        List<Query> clauses = new ArrayList<>();
        clauses.add(OpenSearchChunkStore.kind(IndexSchema.KIND_CHUNK));
        anyOf(clauses, filter.sourceTypes(), v -> term(IndexSchema.SOURCE_TYPE, v));
        anyOf(clauses, filter.languages(), v -> term(IndexSchema.LANGUAGE, v));
        anyOf(clauses, filter.pathRegexes(), r -> Query.of(q -> q.regexp(x -> x.field(IndexSchema.PATH).value(r))));
        return Query.of(q -> q.bool(b -> b.filter(clauses)));
    }

    private static Query term(String field, String value) {
        return Query.of(q -> q.term(t -> t.field(field).value(FieldValue.of(value))));
    }

    private static void anyOf(List<Query> clauses, List<String> values, Function<String, Query> clause) {
        if (values.isEmpty()) {
            return;
        }
        List<Query> any = values.stream().map(clause).toList();
        clauses.add(Query.of(q -> q.bool(b -> b.should(any).minimumShouldMatch("1"))));
    }
}
