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
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
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
 * <p>Hits are identified by chunk id, read from the chunk id's doc values (a few nanoseconds per hit,
 * against a stored-fields block decompression); segments written before those existed fall back to
 * the stored field. Stored fields are read only by {@link #chunks}, for the hits a response keeps.
 */
final class LuceneSearchView implements SearchView {

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
        Query knn = new KnnFloatVectorQuery(IndexSchema.VECTOR, vector, k, LuceneFilters.of(filter).orElse(null));
        ScoreDoc[] hits = searcher.search(knn, k).scoreDocs;
        // Lucene maps dot product d of unit vectors to (1 + d) / 2; undo it to report the cosine.
        return scored(hits, score -> 2.0 * score - 1.0);
    }

    @Override
    public List<ScoredChunk> keywordMatches(String query, int k, ChunkFilter filter) throws IOException {
        // QueryBuilder analyses the text into plain term clauses: "AND", "(", "-x" or a lone quote are
        // just words here, never syntax errors as with the classic QueryParser.
        Query text = new QueryBuilder(analyzer).createBooleanQuery(IndexSchema.BM25_TEXT, query);
        if (text == null) {
            return List.of(); // only stop words or punctuation
        }
        Query filtered = LuceneFilters.of(filter)
                .<Query>map(f -> new BooleanQuery.Builder()
                        .add(text, BooleanClause.Occur.MUST)
                        .add(f, BooleanClause.Occur.FILTER)
                        .build())
                .orElse(text);
        return scored(searcher.search(filtered, k).scoreDocs, score -> score);
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
        String[] ids = chunkIds(hits);
        ScoredChunk[] out = new ScoredChunk[hits.length];
        for (int i = 0; i < hits.length; i++) {
            docsOfHits.put(ids[i], hits[i].doc);
            out[i] = new ScoredChunk(ids[i], toScore.applyAsDouble(hits[i].score));
        }
        return Arrays.asList(out);
    }

    /** The chunk id of each hit, in the hits' order; doc values are read segment by segment in doc order. */
    private String[] chunkIds(ScoreDoc[] hits) throws IOException {
        Integer[] byDoc = new Integer[hits.length];
        Arrays.setAll(byDoc, i -> i);
        Arrays.sort(byDoc, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        String[] ids = new String[hits.length];
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        SortedDocValues values = null;
        StoredFields stored = null;
        for (int i : byDoc) {
            int doc = hits[i].doc;
            int index = ReaderUtil.subIndex(doc, leaves);
            if (index != leafIndex) {
                leafIndex = index;
                leaf = leaves.get(index);
                values = leaf.reader().getSortedDocValues(IndexSchema.CHUNK_ID_VALUES);
            }
            if (values != null && values.advanceExact(doc - leaf.docBase)) {
                ids[i] = values.lookupOrd(values.ordValue()).utf8ToString();
            } else {
                stored = stored != null ? stored : searcher.storedFields();
                ids[i] = stored.document(doc, Set.of(IndexSchema.CHUNK_ID)).get(IndexSchema.CHUNK_ID);
            }
        }
        return ids;
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            searchers.release(searcher);
        }
    }
}
