package dev.docserve.search;

import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.QueryFirstGate;
import dev.docserve.search.fusion.FusedCandidate;
import dev.docserve.search.store.ChunkFilter;
import dev.docserve.search.store.ChunkStore;
import dev.docserve.search.store.IndexManifest;
import dev.docserve.search.store.ScoredChunk;
import dev.docserve.search.store.SearchView;
import dev.docserve.search.store.StoredChunk;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers queries over one project's committed chunks in vector, BM25 or hybrid mode, whichever
 * {@link ChunkStore} holds them.
 *
 * <p>Hybrid retrieves {@link #candidateDepth} candidates from each side (both filtered inside the
 * store), fuses them by chunk id with the request's {@link FusionMethod} and keeps the best
 * {@code top_k} whose score reaches the threshold. Only those are read from the store's stored fields,
 * all through one {@link SearchView}, so the manifest checked and the chunks returned are of one commit.
 */
public final class ChunkSearcher {

    private final ChunkStore store;
    private final Embedder embedder;
    private final TestFilePrior testPrior;

    public ChunkSearcher(ChunkStore store, Embedder embedder) {
        this(store, embedder, TestFilePrior.defaults());
    }

    public ChunkSearcher(ChunkStore store, Embedder embedder, TestFilePrior testPrior) {
        this.store = store;
        this.embedder = embedder;
        this.testPrior = testPrior;
    }

    /**
     * @throws ModelMismatchException if the index was built with another model or dimension
     */
    public SearchResponse search(SearchRequest request) throws IOException {
        long started = System.nanoTime();
        try (QueryFirstGate.Pass inFlight = embedder.beginQuery()) {
            return search(request, started);
        }
    }

    private SearchResponse search(SearchRequest request, long started) throws IOException {
        try (SearchView view = store.openView()) {
            Optional<Candidates> found = retrieve(view, request);
            if (found.isEmpty()) {
                return new SearchResponse(List.of(), elapsedMs(started), 0);
            }
            List<FusedCandidate> ranked = rank(request, found.get(), testPrior.appliesTo(request) ? testPrior : null);
            Map<String, StoredChunk> chunks = view.chunks(ranked.stream().map(FusedCandidate::chunkId).toList());
            Map<String, FileFreshness> freshness = new java.util.HashMap<>();
            view.files(chunks.values().stream().map(StoredChunk::path).distinct().toList())
                    .forEach((path, record) -> freshness.put(path, FileFreshness.of(record)));
            List<SearchResult> results = ranked.stream()
                    .map(c -> toResult(chunks.get(c.chunkId()), c, freshness.get(chunks.get(c.chunkId()).path())))
                    .toList();
            return new SearchResponse(results, elapsedMs(started), results.size());
        }
    }

    /**
     * What each retriever hands fusion for this request, before fusion and the test prior: the same
     * filtered lists, as deep as {@link #search} fetches them, raw scores best first. For studying fusion
     * offline ({@code doc-serve eval --candidates-file}); the query path does not use it.
     */
    public Candidates candidates(SearchRequest request) throws IOException {
        try (SearchView view = store.openView()) {
            return retrieve(view, request).orElse(new Candidates(List.of(), List.of()));
        }
    }

    /**
     * Both retrievers' hits for the request's mode (the other list empty), filtered in the store, as deep as
     * {@link #candidateDepth}; empty when nothing was ever committed.
     *
     * @throws ModelMismatchException if the request reads vectors and the index holds another model's
     */
    private Optional<Candidates> retrieve(SearchView view, SearchRequest request) throws IOException {
        Optional<IndexManifest> manifest = view.manifest();
        if (manifest.isEmpty()) {
            return Optional.empty();
        }
        if (request.mode() != SearchMode.BM25) {
            checkModel(manifest.get()); // keyword search reads no vectors, so it keeps working after a model switch
        }
        ChunkFilter filter = ChunkFilters.of(request);
        int depth = candidateDepth(request, testPrior.appliesTo(request));
        // Sorted here: reciprocal-rank fusion reads ranks, so tied hits need a rank that does not depend on index order.
        List<ScoredChunk> vector = request.mode() == SearchMode.BM25 ? List.of()
                : sorted(view.nearest(embedder.embedQuery(request.query()), depth, filter));
        List<ScoredChunk> bm25 = request.mode() == SearchMode.VECTOR ? List.of()
                : sorted(view.keywordMatches(request.query(), depth, filter));
        return Optional.of(new Candidates(vector, bm25));
    }

    /** The two retrievers' hits for one request, each in {@link ScoredChunk#RANKING} order. */
    public record Candidates(List<ScoredChunk> vector, List<ScoredChunk> bm25) {
    }

    private void checkModel(IndexManifest manifest) {
        if (!manifest.embeddingModel().equals(embedder.modelName()) || manifest.dimension() != embedder.dimension()) {
            throw new ModelMismatchException(manifest.embeddingModel(), manifest.dimension(), embedder.modelName(),
                    embedder.dimension());
        }
    }

    /**
     * Enough candidates per side that fusion can promote a chunk ranked low by one retriever, or that
     * the chunks of other files can take the places of test chunks the prior moved down.
     */
    static int candidateDepth(SearchRequest request, boolean weighTests) {
        return request.mode() == SearchMode.HYBRID || weighTests ? Math.max(50, request.topK() * 4) : request.topK();
    }

    private static List<FusedCandidate> rank(SearchRequest request, Candidates found, TestFilePrior testPrior) {
        List<FusedCandidate> ranked = new ArrayList<>();
        switch (request.mode()) {
            case VECTOR -> found.vector().forEach(c -> ranked.add(new FusedCandidate(c.chunkId(), Math.max(0, c.score()),
                    c.score(), null, c.path(), c.ordinal())));
            case BM25 -> {
                double best = found.bm25().isEmpty() ? 1 : found.bm25().get(0).score();
                found.bm25().forEach(c -> ranked.add(new FusedCandidate(c.chunkId(), c.score() / best, null, c.score(),
                        c.path(), c.ordinal())));
            }
            case HYBRID -> ranked.addAll(request.fusion().fusion().fuse(found.vector(), found.bm25(), request.alpha()));
        }
        return (testPrior == null ? ranked : testPrior.reweigh(ranked)).stream()
                .filter(c -> c.score() >= request.similarityThreshold())
                .limit(request.topK())
                .toList();
    }

    /** A retriever's hits in {@link ScoredChunk#RANKING} order: equal scores by path and position, not by index order. */
    private static List<ScoredChunk> sorted(List<ScoredChunk> hits) {
        return hits.stream().sorted(ScoredChunk.RANKING).toList();
    }

    private static SearchResult toResult(StoredChunk chunk, FusedCandidate c, FileFreshness freshness) {
        String path = chunk.path();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("path", path);
        metadata.put("file_name", path.substring(path.lastIndexOf('/') + 1));
        metadata.put("heading", chunk.heading());
        metadata.put("symbol", chunk.symbol());
        metadata.put("start_line", chunk.startLine());
        metadata.put("end_line", chunk.endLine());
        metadata.put("chunk_index", chunk.ordinal());
        return new SearchResult(chunk.text(), chunk.source(), round(c.score()),
                c.vectorScore() == null ? null : round(c.vectorScore()),
                c.bm25Score() == null ? null : round(c.bm25Score()),
                chunk.chunkId(), chunk.sourceType(), chunk.language(), metadata,
                freshness == null ? null : freshness.indexedAt(), freshness != null && freshness.stale());
    }

    private static double round(double value) {
        return Math.round(value * 1e6) / 1e6;
    }

    private static double elapsedMs(long startedNanos) {
        return Math.round((System.nanoTime() - startedNanos) / 1e4) / 100.0;
    }
}
