package dev.docserve.search;

import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.QueryFirstGate;
import dev.docserve.search.fusion.Candidate;
import dev.docserve.search.fusion.FusedCandidate;
import dev.docserve.search.store.IndexManifest;
import dev.docserve.search.store.IndexSchema;
import dev.docserve.search.store.LuceneChunkStore;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.lucene.document.Document;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.util.QueryBuilder;

/**
 * Answers queries over one project's committed index in vector, BM25 or hybrid mode.
 *
 * <p>Hybrid retrieves {@link #candidateDepth} candidates from each side (both filtered inside Lucene),
 * fuses them with the request's {@link FusionMethod} and keeps the best {@code top_k} whose score
 * reaches the threshold.
 */
public final class ChunkSearcher {

    private final LuceneChunkStore store;
    private final Embedder embedder;

    public ChunkSearcher(LuceneChunkStore store, Embedder embedder) {
        this.store = store;
        this.embedder = embedder;
    }

    /**
     * @throws ModelMismatchException if the index was built with another model or dimension
     */
    public SearchResponse search(SearchRequest request) throws IOException {
        long started = System.nanoTime();
        IndexSearcher searcher = store.searchers().acquire();
        try (QueryFirstGate.Pass inFlight = embedder.beginQuery()) {
            Optional<IndexManifest> manifest = LuceneChunkStore.manifest(searcher);
            if (manifest.isEmpty()) {
                return new SearchResponse(List.of(), elapsedMs(started), 0);
            }
            if (request.mode() != SearchMode.BM25) {
                checkModel(manifest.get()); // keyword search reads no vectors, so it keeps working after a model switch
            }
            Query filter = FilterQueries.of(request);
            int depth = candidateDepth(request);
            List<Candidate> vector = request.mode() == SearchMode.BM25 ? List.of() : vectorCandidates(searcher, request, filter, depth);
            List<Candidate> bm25 = request.mode() == SearchMode.VECTOR ? List.of() : bm25Candidates(searcher, request, filter, depth);
            List<SearchResult> results = toResults(searcher, rank(request, vector, bm25), request);
            return new SearchResponse(results, elapsedMs(started), results.size());
        } finally {
            store.searchers().release(searcher);
        }
    }

    private void checkModel(IndexManifest manifest) {
        if (!manifest.embeddingModel().equals(embedder.modelName()) || manifest.dimension() != embedder.dimension()) {
            throw new ModelMismatchException(manifest.embeddingModel(), manifest.dimension(), embedder.modelName(),
                    embedder.dimension());
        }
    }

    /** Enough candidates per side that fusion can promote a chunk ranked low by one retriever. */
    static int candidateDepth(SearchRequest request) {
        return request.mode() == SearchMode.HYBRID ? Math.max(50, request.topK() * 4) : request.topK();
    }

    private List<Candidate> vectorCandidates(IndexSearcher searcher, SearchRequest request, Query filter, int depth)
            throws IOException {
        float[] query = embedder.embedQuery(request.query());
        ScoreDoc[] hits = searcher.search(new KnnFloatVectorQuery(IndexSchema.VECTOR, query, depth, filter), depth).scoreDocs;
        List<Candidate> out = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            // Lucene maps dot product d of unit vectors to (1 + d) / 2; undo it to report the cosine.
            out.add(new Candidate(hit.doc, 2.0 * hit.score - 1.0));
        }
        return out;
    }

    private List<Candidate> bm25Candidates(IndexSearcher searcher, SearchRequest request, Query filter, int depth)
            throws IOException {
        // QueryBuilder analyses the text into plain term clauses: "AND", "(", "-x" or a lone quote are
        // just words here, never syntax errors as with the classic QueryParser.
        Query text = new QueryBuilder(store.analyzer()).createBooleanQuery(IndexSchema.BM25_TEXT, request.query());
        if (text == null) {
            return List.of(); // only stop words or punctuation
        }
        Query query = new BooleanQuery.Builder()
                .add(text, BooleanClause.Occur.MUST)
                .add(filter, BooleanClause.Occur.FILTER)
                .build();
        ScoreDoc[] hits = searcher.search(query, depth).scoreDocs;
        List<Candidate> out = new ArrayList<>(hits.length);
        for (ScoreDoc hit : hits) {
            out.add(new Candidate(hit.doc, hit.score));
        }
        return out;
    }

    private static List<FusedCandidate> rank(SearchRequest request, List<Candidate> vector, List<Candidate> bm25) {
        List<FusedCandidate> ranked = new ArrayList<>();
        switch (request.mode()) {
            case VECTOR -> vector.forEach(c -> ranked.add(new FusedCandidate(c.doc(), Math.max(0, c.score()), c.score(), null)));
            case BM25 -> {
                double best = bm25.isEmpty() ? 1 : bm25.get(0).score();
                bm25.forEach(c -> ranked.add(new FusedCandidate(c.doc(), c.score() / best, null, c.score())));
            }
            case HYBRID -> ranked.addAll(request.fusion().fusion().fuse(vector, bm25, request.alpha()));
        }
        return ranked.stream()
                .filter(c -> c.score() >= request.similarityThreshold())
                .limit(request.topK())
                .toList();
    }

    private static List<SearchResult> toResults(IndexSearcher searcher, List<FusedCandidate> ranked, SearchRequest request)
            throws IOException {
        StoredFields stored = searcher.storedFields();
        List<SearchResult> results = new ArrayList<>(ranked.size());
        for (FusedCandidate c : ranked) {
            Document doc = stored.document(c.doc());
            String path = doc.get(IndexSchema.PATH);
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("path", path);
            metadata.put("file_name", path.substring(path.lastIndexOf('/') + 1));
            metadata.put("heading", doc.get(IndexSchema.HEADING));
            metadata.put("symbol", doc.get(IndexSchema.SYMBOL));
            metadata.put("start_line", IndexSchema.storedInt(doc, IndexSchema.START_LINE));
            metadata.put("end_line", IndexSchema.storedInt(doc, IndexSchema.END_LINE));
            metadata.put("chunk_index", IndexSchema.storedInt(doc, IndexSchema.ORDINAL));
            results.add(new SearchResult(doc.get(IndexSchema.TEXT), doc.get(IndexSchema.SOURCE), round(c.score()),
                    c.vectorScore() == null ? null : round(c.vectorScore()),
                    c.bm25Score() == null ? null : round(c.bm25Score()),
                    doc.get(IndexSchema.CHUNK_ID), doc.get(IndexSchema.SOURCE_TYPE), doc.get(IndexSchema.LANGUAGE), metadata));
        }
        return results;
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static double elapsedMs(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e4) / 100.0;
    }
}
