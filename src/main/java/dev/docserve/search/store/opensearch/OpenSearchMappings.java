package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.IndexSchema;
import java.io.IOException;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch.indices.CreateIndexRequest;

/**
 * The explicit mapping of a project index; nothing is left to dynamic mapping, so a field never
 * changes type with the first value it sees.
 *
 * <ul>
 *   <li>keywords ({@code kind}, {@code path}, {@code source_type}, {@code language}, {@code chunk_id}):
 *       exact filters, sorting for paging, and the {@code file_paths} regexes;</li>
 *   <li>{@code bm25_text}, {@code path_text}, {@code symbol_text}: text with BM25 (the default
 *       similarity) under the {@value #INDEX_ANALYZER} / {@value #SEARCH_ANALYZER} analyzers, the same
 *       chain as the embedded index's {@code CodeAwareAnalyzer} (standard tokenizer,
 *       {@code word_delimiter_graph} keeping the whole identifier, lower case, English stop words,
 *       Porter stemming; the graph flattened at index time only); one shard so that term statistics
 *       match the embedded index;</li>
 *   <li>{@code vector}: {@code knn_vector}, HNSW on the {@code lucene} engine, cosine — always the
 *       lucene engine: the default engine (faiss) needs native libraries and crashes a node without them;</li>
 *   <li>everything else is stored in {@code _source} only ({@code index: false}).</li>
 * </ul>
 */
final class OpenSearchMappings {

    static final String FINGERPRINT = "fingerprint";
    static final String CHUNK_COUNT = "chunk_count";
    static final String INDEXED_AT = "indexed_at";

    static final String INDEX_ANALYZER = "code_index";
    static final String SEARCH_ANALYZER = "code_search";

    private OpenSearchMappings() {
    }

    static CreateIndexRequest.Builder index(CreateIndexRequest.Builder create, int dimension) {
        return create
                .settings(s -> s.numberOfShards("1").numberOfReplicas("0").knn(true)
                        .refreshInterval(t -> t.time("-1"))
                        .analysis(a -> a
                                .filter("code_words", f -> f.definition(d -> d.wordDelimiterGraph(w -> w
                                        .generateWordParts(true).generateNumberParts(true).splitOnCaseChange(true)
                                        .splitOnNumerics(true).stemEnglishPossessive(true).preserveOriginal(true))))
                                .filter("english_stop", f -> f.definition(d -> d.stop(st -> st.stopwords("_english_"))))
                                .analyzer(INDEX_ANALYZER, an -> an.custom(c -> c.tokenizer("standard")
                                        .filter("code_words", "flatten_graph", "lowercase", "english_stop", "porter_stem")))
                                .analyzer(SEARCH_ANALYZER, an -> an.custom(c -> c.tokenizer("standard")
                                        .filter("code_words", "lowercase", "english_stop", "porter_stem")))))
                .mappings(m -> m.dynamic(org.opensearch.client.opensearch._types.mapping.DynamicMapping.False)
                        .properties(IndexSchema.KIND, keyword())
                        .properties(IndexSchema.PATH, keyword())
                        .properties(IndexSchema.SOURCE_TYPE, keyword())
                        .properties(IndexSchema.LANGUAGE, keyword())
                        .properties(IndexSchema.CHUNK_ID, keyword())
                        .properties(IndexSchema.BM25_TEXT, analysedText())
                        .properties(IndexSchema.PATH_TEXT, analysedText())
                        .properties(IndexSchema.SYMBOL_TEXT, analysedText())
                        .properties(IndexSchema.VECTOR, Property.of(p -> p.knnVector(k -> k.dimension(dimension)
                                .method(v -> v.name("hnsw").engine("lucene").spaceType("cosinesimil")))))
                        .properties(IndexSchema.SOURCE, stored())
                        .properties(IndexSchema.TEXT, Property.of(p -> p.text(t -> t.index(false))))
                        .properties(IndexSchema.HEADING, stored())
                        .properties(IndexSchema.SYMBOL, stored())
                        .properties(FINGERPRINT, stored())
                        .properties(IndexSchema.ORDINAL, Property.of(p -> p.integer(i -> i.index(false))))
                        .properties(IndexSchema.START_LINE, Property.of(p -> p.integer(i -> i.index(false))))
                        .properties(IndexSchema.END_LINE, Property.of(p -> p.integer(i -> i.index(false))))
                        .properties(CHUNK_COUNT, Property.of(p -> p.integer(i -> i.index(false))))
                        .properties(INDEXED_AT, Property.of(p -> p.long_(i -> i.index(false)))));
    }

    private static Property analysedText() {
        return Property.of(p -> p.text(t -> t.analyzer(INDEX_ANALYZER).searchAnalyzer(SEARCH_ANALYZER)));
    }

    private static Property keyword() {
        return Property.of(p -> p.keyword(k -> k));
    }

    private static Property stored() {
        return Property.of(p -> p.keyword(k -> k.index(false).docValues(false)));
    }

    /** Whether an existing index has the fields of the current schema (those of schema 1 lack {@code path_text}). */
    static boolean hasCurrentFields(OpenSearchClient client, String index) throws IOException {
        var mapping = client.indices().getMapping(g -> g.index(index)).result().get(index);
        return mapping != null && mapping.mappings().properties().containsKey(IndexSchema.PATH_TEXT);
    }

    /** The vector width of an existing index, or null if it has no vector field yet. */
    static Integer dimension(OpenSearchClient client, String index) throws IOException {
        var mapping = client.indices().getMapping(g -> g.index(index)).result().get(index);
        if (mapping == null) {
            return null;
        }
        Property vector = mapping.mappings().properties().get(IndexSchema.VECTOR);
        return vector == null || !vector.isKnnVector() ? null : vector.knnVector().dimension();
    }
}
