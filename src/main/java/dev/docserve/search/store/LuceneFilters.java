package dev.docserve.search.store;

import java.util.List;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;

/**
 * A {@link ChunkFilter} as one Lucene query, used as the KNN query's pre-filter and as a FILTER clause
 * of the BM25 query. It always restricts to chunk documents (file records share the index).
 */
final class LuceneFilters {

    private LuceneFilters() {
    }

    static Query of(ChunkFilter filter) {
        BooleanQuery.Builder query = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), BooleanClause.Occur.FILTER);
        anyOf(query, filter.sourceTypes(), t -> new TermQuery(new Term(IndexSchema.SOURCE_TYPE, t)));
        anyOf(query, filter.languages(), l -> new TermQuery(new Term(IndexSchema.LANGUAGE, l)));
        anyOf(query, filter.pathRegexes(), r -> new RegexpQuery(new Term(IndexSchema.PATH, r)));
        return query.build();
    }

    private static void anyOf(BooleanQuery.Builder query, List<String> values, Function<String, Query> clause) {
        if (values.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(v -> any.add(clause.apply(v), BooleanClause.Occur.SHOULD));
        query.add(any.build(), BooleanClause.Occur.FILTER);
    }
}
