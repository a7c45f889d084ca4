package dev.docserve.search.store;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.util.QueryBuilder;

/**
 * One query's view of a {@link LuceneChunkStore}: a searcher acquired once, so the manifest and both
 * retrievers read the same commit, released on {@link #close}.
 *
 * <p>Hits are identified by chunk id, path and position, read from doc values (a few nanoseconds per hit,
 * against a stored-fields block decompression); segments written before those existed fall back to
 * the stored fields. Stored fields are read only by {@link #chunks}, for the hits a response keeps.
 *
 * <p>Equal scores: Lucene breaks them by document order, which depends on how the index was written
 * (commit points, merges), so both retrievers ask for {@value #TIE_SLACK} more hits than they return and
 * cut the list in {@link ScoredChunk#RANKING} order: a group of tied hits straddling the cut (copies of
 * one file) loses the same members after any re-indexing, as long as the group has fewer than
 * {@value #TIE_SLACK} extra members. The vector side stays approximate: HNSW graphs built from different
 * commit points may find different neighbours far from the top.
 */
final class LuceneSearchView implements SearchView {

    /** Extra BM25 hits fetched so that ties at the cut are decided by path, not by document order. */
    static final int TIE_SLACK = 8;

    private final SearcherManager searchers;
    private final IndexSearcher searcher;
    private final Analyzer analyzer;
    /** Lucene doc id of every hit returned so far, by chunk id; valid for this searcher only. */
    private final Map<String, Integer> docsOfHits = new HashMap<>();
    private boolean closed;

    LuceneSearchView(SearcherManager searchers, Analyzer analyzer) throws IOException {
        this.searchers = searchers;
        this.searcher = searchers.acquire();
        this.analyzer = analyzer;
    }

    @Override
    public Optional<IndexManifest> manifest() throws IOException {
        return LuceneChunkStore.manifest(searcher);
    }

    @Override
    public List<ScoredChunk> nearest(float[] vector, int k, ChunkFilter filter) throws IOException {
        int fetched = k + TIE_SLACK;
        Query knn = new KnnFloatVectorQuery(IndexSchema.VECTOR, vector, fetched, LuceneFilters.of(filter).orElse(null));
        ScoreDoc[] hits = searcher.search(knn, fetched).scoreDocs;
        // Lucene maps dot product d of unit vectors to (1 + d) / 2; undo it to report the cosine.
        return cut(scored(hits, score -> 2.0 * score - 1.0), k);
    }

    @Override
    public List<ScoredChunk> keywordMatches(String query, int k, ChunkFilter filter) throws IOException {
        // QueryBuilder analyses the text into plain term clauses: "AND", "(", "-x" or a lone quote are
        // just words here, never syntax errors as with the classic QueryParser.
        QueryBuilder builder = new QueryBuilder(analyzer);
        Query body = builder.createBooleanQuery(IndexSchema.BM25_TEXT, query);
        if (body == null) {
            return List.of(); // only stop words or punctuation
        }
        // A chunk scores by its text and context, plus smaller weights for matches in its path and names.
        BooleanQuery.Builder fields = new BooleanQuery.Builder().add(body, BooleanClause.Occur.SHOULD);
        addBoosted(fields, builder.createBooleanQuery(IndexSchema.PATH_TEXT, query), IndexSchema.PATH_BOOST);
        addBoosted(fields, builder.createBooleanQuery(IndexSchema.SYMBOL_TEXT, query), IndexSchema.SYMBOL_BOOST);
        Query text = fields.build();
        Query filtered = LuceneFilters.of(filter)
                .<Query>map(f -> new BooleanQuery.Builder()
                        .add(text, BooleanClause.Occur.MUST)
                        .add(f, BooleanClause.Occur.FILTER)
                        .build())
                .orElse(text);
        return cut(scored(searcher.search(filtered, k + TIE_SLACK).scoreDocs, score -> score), k);
    }

    /** The best {@code k} in {@link ScoredChunk#RANKING} order. */
    private static List<ScoredChunk> cut(List<ScoredChunk> hits, int k) {
        List<ScoredChunk> sorted = new java.util.ArrayList<>(hits);
        sorted.sort(ScoredChunk.RANKING);
        return sorted.size() <= k ? sorted : List.copyOf(sorted.subList(0, k));
    }

    private static void addBoosted(BooleanQuery.Builder fields, Query query, float boost) {
        if (query != null && boost > 0) {
            fields.add(new BoostQuery(query, boost), BooleanClause.Occur.SHOULD);
        }
    }

    @Override
    public Map<String, StoredChunk> chunks(Collection<String> chunkIds) throws IOException {
        StoredFields stored = searcher.storedFields();
        Map<String, StoredChunk> chunks = new LinkedHashMap<>();
        for (String id : chunkIds) {
            Integer doc = docsOfHits.get(id);
            if (doc != null) {
                chunks.put(id, IndexSchema.storedChunk(stored.document(doc)));
            }
        }
        return chunks;
    }

    @Override
    public Map<String, FileRecord> files(Collection<String> paths) throws IOException {
        Map<String, FileRecord> files = new HashMap<>();
        if (paths.isEmpty()) {
            return files;
        }
        List<org.apache.lucene.util.BytesRef> terms = paths.stream().distinct().map(org.apache.lucene.util.BytesRef::new).toList();
        Query query = new BooleanQuery.Builder()
                .add(new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(IndexSchema.KIND, IndexSchema.KIND_FILE)),
                        BooleanClause.Occur.FILTER)
                .add(new org.apache.lucene.search.TermInSetQuery(IndexSchema.PATH, terms), BooleanClause.Occur.FILTER)
                .build();
        StoredFields stored = searcher.storedFields();
        for (ScoreDoc hit : searcher.search(query, terms.size()).scoreDocs) {
            FileRecord record = IndexSchema.fileRecord(stored.document(hit.doc));
            files.put(record.path(), record);
        }
        return files;
    }

    private List<ScoredChunk> scored(ScoreDoc[] hits, java.util.function.DoubleUnaryOperator toScore) throws IOException {
        ScoredChunk[] out = new ScoredChunk[hits.length];
        Integer[] byDoc = new Integer[hits.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        // Doc values are read segment by segment in doc order, as their iterators require.
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        SortedDocValues ids = null;
        SortedDocValues paths = null;
        NumericDocValues ordinals = null;
        StoredFields stored = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                ids = leaf.reader().getSortedDocValues(IndexSchema.CHUNK_ID_VALUES);
                paths = leaf.reader().getSortedDocValues(IndexSchema.PATH_VALUES);
                ordinals = leaf.reader().getNumericDocValues(IndexSchema.ORDINAL_VALUES);
            }
            int inLeaf = doc - leaf.docBase;
            String id;
            String path;
            int ordinal;
            if (ids != null && paths != null && ordinals != null && ids.advanceExact(inLeaf) && paths.advanceExact(inLeaf)
                    && ordinals.advanceExact(inLeaf)) {
                id = ids.lookupOrd(ids.ordValue()).utf8ToString();
                path = paths.lookupOrd(paths.ordValue()).utf8ToString();
                ordinal = (int) ordinals.longValue();
            } else {
                // Segments written before these doc values: the stored fields, until the index is rebuilt.
                stored = stored != null ? stored : searcher.storedFields();
                org.apache.lucene.document.Document fields = stored.document(doc,
                        Set.of(IndexSchema.CHUNK_ID, IndexSchema.PATH, IndexSchema.ORDINAL));
                id = fields.get(IndexSchema.CHUNK_ID);
                path = fields.get(IndexSchema.PATH);
                ordinal = fields.getField(IndexSchema.ORDINAL) == null ? 0 : fields.getField(IndexSchema.ORDINAL).numericValue().intValue();
            }
            docsOfHits.put(id, doc);
            out[i] = new ScoredChunk(id, toScore.applyAsDouble(hits[i].score), path, ordinal);
        }
        return Arrays.asList(out);
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            searchers.release(searcher);
        }
    }
}
