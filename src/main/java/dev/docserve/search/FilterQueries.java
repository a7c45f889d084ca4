package dev.docserve.search;

import dev.docserve.index.SourceType;
import dev.docserve.index.loading.Glob;
import dev.docserve.search.store.IndexSchema;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;

/**
 * Turns a request's filters into one Lucene query that both retrievers apply while searching (as the
 * KNN query's pre-filter and as a FILTER clause of the BM25 query), so {@code top_k} results come back
 * whenever that many chunks match — filtering after retrieval would return fewer.
 */
final class FilterQueries {

    private FilterQueries() {
    }

    static Query of(SearchRequest request) {
        BooleanQuery.Builder filter = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), BooleanClause.Occur.FILTER);
        anyOf(filter, request.sourceTypes(), t -> new TermQuery(new Term(IndexSchema.SOURCE_TYPE, SourceType.fromWireName(t).wireName())));
        anyOf(filter, request.languages(), l -> new TermQuery(new Term(IndexSchema.LANGUAGE, l.trim().toLowerCase(Locale.ROOT))));
        anyOf(filter, request.filePaths(), g -> new RegexpQuery(new Term(IndexSchema.PATH, Glob.of(g).regex())));
        return filter.build();
    }

    private static void anyOf(BooleanQuery.Builder filter, List<String> values, Function<String, Query> clause) {
        if (values.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(v -> any.add(clause.apply(v), BooleanClause.Occur.SHOULD));
        filter.add(any.build(), BooleanClause.Occur.FILTER);
    }
}
