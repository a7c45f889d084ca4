package dev.docserve.search.store;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;

/**
 * A {@link ChunkFilter} as one Lucene query, used as the KNN query's pre-filter and as a FILTER clause
 * of the BM25 query.
 *
 * <p>It does not restrict to chunk documents: only chunks have a vector and BM25 text, so neither
 * retriever can return a file record anyway. An unfiltered query gets no filter at all, which the
 * profile showed matters: a match-all filter made BM25 walk every chunk in a conjunction instead of
 * skipping through the postings, and made every KNN search build a bit set of the whole segment.
 */
final class LuceneFilters {

    private LuceneFilters() {
    }

    /** The filter as a query; empty when it does not restrict anything. */
    static Optional<Query> of(ChunkFilter filter) {
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        anyOf(query, filter.sourceTypes(), t -> new TermQuery(new Term(IndexSchema.SOURCE_TYPE, t)));
        anyOf(query, filter.languages(), l -> new TermQuery(new Term(IndexSchema.LANGUAGE, l)));
        anyOf(query, filter.pathRegexes(), r -> new RegexpQuery(new Term(IndexSchema.PATH, r)));
        BooleanQuery built = query.build();
        return built.clauses().isEmpty() ? Optional.empty() : Optional.of(built);
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
