package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.ChunkCounts;
import dev.docserve.search.store.ChunkFilter;
import dev.docserve.search.store.ChunkRecord;
import dev.docserve.search.store.ChunkStore;
import dev.docserve.search.store.FileRecord;
import dev.docserve.search.store.IndexManifest;
import dev.docserve.search.store.IndexSchema;
import dev.docserve.search.store.SearchView;
import dev.docserve.search.store.StoreBusyException;
import dev.docserve.search.store.StoredChunk;
import dev.docserve.search.store.WriteClaim;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.opensearch.client.opensearch._types.HealthStatus;
import org.opensearch.client.opensearch.core.SearchRequest;
import org.opensearch.client.util.ObjectBuilder;
import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch._types.aggregations.StringTermsBucket;
import org.opensearch.client.opensearch._types.query_dsl.BoolQuery;
import org.opensearch.client.opensearch._types.query_dsl.Query;
import org.opensearch.client.opensearch.core.BulkResponse;
import org.opensearch.client.opensearch.core.SearchResponse;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;
import org.opensearch.client.opensearch.core.bulk.BulkResponseItem;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * One project's chunks in one OpenSearch index ({@code <prefix>-<project_id>}, one shard, no
 * replicas by default: the cluster's own replication is an operator's choice), with the same
 * documents as the Lucene store: a {@code chunk} per chunk, a {@code file} record per file, and the
 * manifest as the document {@value #MANIFEST_ID}. BM25 runs on the analyzers of {@link OpenSearchMappings} (the same
 * chain as the embedded index's {@code CodeAwareAnalyzer}) and vectors live in a {@code knn_vector} field on the
 * {@code lucene} engine with cosine similarity (the faiss and nmslib engines need native libraries a
 * plain cluster may lack, and kill a node that lacks them).
 *
 * <p>Commits, and how they differ from Lucene's. The index is created with {@code refresh_interval: -1},
 * and writes are buffered here until {@link #commit}, which sends them in this order: deletes of file
 * records, deletes of chunks, the new chunks, the new file records (in bulks, applied in order on the
 * one shard), the manifest, then a refresh. Readers search the refreshed view, so they see a batch
 * only after its refresh. Unlike a Lucene commit this is not atomic: a crash between two of these
 * requests leaves a partly applied batch that the next refresh (or a node restart) makes visible.
 * The order keeps that safe for incremental indexing: a file record is written after its chunks and
 * deleted before them, so a visible file record always has its chunks, and a file whose record is
 * missing or stale is simply indexed again by the next run. Durability is the cluster's (translog).
 */
public final class OpenSearchChunkStore implements ChunkStore {

    static final String MANIFEST_ID = "manifest";
    static final String KIND_MANIFEST = "manifest";
    /** Documents per bulk request: ~4 KB each with 384-dim vectors, so bulks stay near 1 MB. */
    private static final int BULK_DOCS = 250;
    private static final int PAGE = 1000;
    private static final int TERMS_PER_DELETE = 1000;
    /** Extra neighbours a k-NN search collects so that ties at the cut of k are decided by path. */
    private static final int TIE_SLACK = 8;

    /** Long next to a commit interval (seconds), short enough that a dead replica's projects free up soon. */
    public static final Duration LEASE_TTL = Duration.ofMinutes(2);

    private final OpenSearchConnection connection;
    /** Writes, with the write budget. */
    private final OpenSearchClient client;
    /** Reads a caller waits for (searches, counts, the manifest), with the shorter query budget. */
    private final OpenSearchClient reader;
    private final String index;
    private final String owner;
    private final Duration leaseTtl;
    private final Clock clock;
    private WriteLease lease;
    private final List<Map<String, Object>> pendingChunks = new ArrayList<>();
    private final List<Map<String, Object>> pendingFiles = new ArrayList<>();
    private final Set<String> pendingDeletes = new LinkedHashSet<>();
    private boolean pendingDeleteAll;

    public OpenSearchChunkStore(OpenSearchConnection connection, String index) {
        this(connection, index, LEASE_TTL, Clock.systemUTC());
    }

    public OpenSearchChunkStore(OpenSearchConnection connection, String index, Duration leaseTtl, Clock clock) {
        this.connection = connection;
        this.client = connection.client();
        this.reader = connection.reader();
        this.index = index;
        this.owner = connection.owner();
        this.leaseTtl = leaseTtl;
        this.clock = clock;
    }

    /** Takes the project's write lease in the cluster (see {@link WriteLease}); commits renew it. */
    @Override
    public synchronized WriteClaim claimWriter() throws IOException {
        connection.ensureIndex(connection.settings().leaseIndex(), c -> c);
        try {
            WriteLease taken = WriteLease.acquire(client, connection.settings().leaseIndex(), index, owner, leaseTtl, clock);
            lease = taken;
            return () -> {
                synchronized (this) {
                    taken.close();
                    if (lease == taken) {
                        lease = null;
                    }
                }
            };
        } catch (StoreBusyException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("taking the write lease of " + index, e);
        }
    }

    public String index() {
        return index;
    }

    @Override
    public String describe() {
        return "OpenSearch index " + index + " at " + connection.settings().describe();
    }

    @Override
    public synchronized void replaceFile(FileRecord file, List<ChunkRecord> chunks) throws IOException {
        if (lease != null) {
            lease.renewIfDue(); // embedding between two commits can take a while
        }
        pendingDeletes.add(file.path());
        pendingFiles.removeIf(doc -> file.path().equals(doc.get(IndexSchema.PATH)));
        pendingChunks.removeIf(doc -> file.path().equals(doc.get(IndexSchema.PATH)));
        for (ChunkRecord chunk : chunks) {
            pendingChunks.add(chunkDocument(chunk));
        }
        pendingFiles.add(fileDocument(file));
    }

    /** The file document's id is derived from its path, so indexing it again overwrites the record alone. */
    @Override
    public synchronized void updateFileRecord(FileRecord file) {
        pendingFiles.removeIf(doc -> file.path().equals(doc.get(IndexSchema.PATH)));
        pendingFiles.add(fileDocument(file));
    }

    @Override
    public synchronized void deleteFile(String path) {
        pendingDeletes.add(path);
        pendingFiles.removeIf(doc -> path.equals(doc.get(IndexSchema.PATH)));
        pendingChunks.removeIf(doc -> path.equals(doc.get(IndexSchema.PATH)));
    }

    @Override
    public synchronized void deleteAll() {
        pendingDeleteAll = true;
        pendingDeletes.clear();
        pendingFiles.clear();
        pendingChunks.clear();
    }

    @Override
    public synchronized void clear() throws IOException {
        deleteAll();
        pendingDeleteAll = false;
        try {
            client.indices().delete(d -> d.index(index).ignoreUnavailable(true));
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("deleting index " + index, e);
        }
    }

    /**
     * Sends the buffered batch. A request the cluster did not take (no answer within the write budget, a
     * lost connection, 429/502/503/504) is retried with the whole batch after 0.5 s, 1 s, 2 s, ...
     * ({@code doc-serve.opensearch.write-retries} times): every request of a commit is idempotent (fixed
     * ids, deletes by path), and the buffers are cleared only once the batch is in. What earlier commits
     * wrote stays; a batch that still fails is reported and the run keeps its committed files.
     */
    @Override
    public synchronized void commit(IndexManifest manifest) throws IOException {
        int retries = connection.settings().budgets().writeRetries();
        for (int attempt = 0; ; attempt++) {
            try {
                commitOnce(manifest);
                return;
            } catch (dev.docserve.search.store.StorageUnavailableException e) {
                if (attempt >= retries || !OpenSearchConnection.transientFailure(e.getCause() == null ? e : e.getCause())) {
                    throw e;
                }
                pause(Duration.ofMillis(500L << attempt));
            }
        }
    }

    private static void pause(Duration duration) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry a commit");
        }
    }

    private void commitOnce(IndexManifest manifest) throws IOException {
        if (lease != null) {
            lease.renew(); // a lost lease stops the run before it writes beside the new owner
        }
        try {
            if (pendingDeleteAll) {
                deleteEverything(manifest.dimension());
            }
            ensureIndex(manifest.dimension());
            List<String> paths = new ArrayList<>(pendingDeletes);
            for (int i = 0; i < paths.size(); i += TERMS_PER_DELETE) {
                List<FieldValue> values = paths.subList(i, Math.min(paths.size(), i + TERMS_PER_DELETE)).stream()
                        .map(FieldValue::of).toList();
                deleteByQuery(and(kind(IndexSchema.KIND_FILE), terms(IndexSchema.PATH, values)));
                deleteByQuery(and(kind(IndexSchema.KIND_CHUNK), terms(IndexSchema.PATH, values)));
            }
            bulkIndex(pendingChunks, IndexSchema.CHUNK_ID);
            bulkIndex(pendingFiles, null);
            Map<String, Object> manifestDoc = new HashMap<>(ManifestDocuments.toDocument(manifest));
            manifestDoc.put(IndexSchema.KIND, KIND_MANIFEST);
            client.index(r -> r.index(index).id(MANIFEST_ID).document(manifestDoc));
            client.indices().refresh(r -> r.index(index));
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("committing to index " + index, e);
        }
        pendingDeleteAll = false;
        pendingDeletes.clear();
        pendingChunks.clear();
        pendingFiles.clear();
    }

    @Override
    public Optional<IndexManifest> manifest() throws IOException {
        try {
            // realtime=false reads the refreshed view, like every other read: an uncommitted manifest stays unseen.
            var got = reader.get(g -> g.index(index).id(MANIFEST_ID).realtime(false), Map.class);
            if (!got.found() || got.source() == null) {
                return Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> source = got.source();
            return Optional.of(ManifestDocuments.fromDocument(source));
        } catch (OpenSearchException e) {
            if (isMissingIndex(e)) {
                return Optional.empty();
            }
            throw connection.unavailable("reading the manifest of " + index, e);
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("reading the manifest of " + index, e);
        }
    }

    @Override
    public Map<String, FileRecord> committedFiles() throws IOException {
        Map<String, FileRecord> files = new HashMap<>();
        for (Map<String, Object> doc : scan(kind(IndexSchema.KIND_FILE), IndexSchema.PATH, null)) {
            FileRecord record = fileRecord(doc);
            files.put(record.path(), record);
        }
        return files;
    }

    @Override
    public List<String> chunkIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Map<String, Object> doc : scan(kind(IndexSchema.KIND_CHUNK), IndexSchema.CHUNK_ID, List.of(IndexSchema.CHUNK_ID))) {
            ids.add((String) doc.get(IndexSchema.CHUNK_ID));
        }
        return ids;
    }

    @Override
    public ChunkCounts counts() throws IOException {
        try {
            SearchResponse<Void> response = search(s -> s.index(index).size(0).trackTotalHits(t -> t.enabled(true))
                    .query(kind(IndexSchema.KIND_CHUNK))
                    .aggregations("types", a -> a.terms(t -> t.field(IndexSchema.SOURCE_TYPE).size(10)))
                    .aggregations("languages", a -> a.terms(t -> t.field(IndexSchema.LANGUAGE).size(1000))), Void.class);
            int chunks = (int) response.hits().total().value();
            long files = reader.count(c -> c.index(index).query(kind(IndexSchema.KIND_FILE))).count();
            if (chunks == 0) {
                return new ChunkCounts((int) files, 0, 0, 0, 0, Map.of());
            }
            Map<String, Integer> types = buckets(response, "types");
            Map<String, Integer> languages = new TreeMap<>(buckets(response, "languages"));
            int tests = types.getOrDefault("test", 0);
            return new ChunkCounts((int) files, chunks, types.getOrDefault("doc", 0),
                    types.getOrDefault("code", 0) + tests, tests, languages);
        } catch (OpenSearchException e) {
            if (isMissingIndex(e)) {
                return ChunkCounts.EMPTY;
            }
            throw connection.unavailable("counting the chunks of " + index, e);
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("counting the chunks of " + index, e);
        }
    }

    @Override
    public Optional<StoredChunk> storedChunk(String chunkId) throws IOException {
        Query byId = and(kind(IndexSchema.KIND_CHUNK), terms(IndexSchema.CHUNK_ID, List.of(FieldValue.of(chunkId))));
        return retrieve(byId, 1, score -> score, "reading a chunk of ").stream().findFirst().map(RetrievedChunk::chunk);
    }

    /** Hits carry their stored fields (the search's {@code _source}), so a view needs no second request for them. */
    @Override
    public SearchView openView() {
        return new OpenSearchSearchView(this);
    }

    List<RetrievedChunk> nearest(float[] vector, int k, ChunkFilter filter) throws IOException {
        // k + 8 neighbours, of which the sort below keeps k: equal scores at the cut are decided by path, not
        // by the graph's insertion order (as in the Lucene store).
        Query knn = Query.of(q -> q.knn(n -> n.field(IndexSchema.VECTOR).vector(vector).k(k + TIE_SLACK)
                .filter(OpenSearchFilters.of(filter))));
        // The lucene engine reports cosine c as (1 + c) / 2, as Lucene does; undo it to report the cosine.
        return retrieve(knn, k, score -> 2.0 * score - 1.0, "searching vectors in ");
    }

    List<RetrievedChunk> keywordMatches(String query, int k, ChunkFilter filter) throws IOException {
        // match (not query_string) analyses free text into plain terms: "AND", "(" or a lone quote are just words.
        // As the embedded index: text and context, plus smaller weights for path and names.
        Query text = Query.of(q -> q.bool(b -> b
                .should(m -> m.match(t -> t.field(IndexSchema.BM25_TEXT).query(FieldValue.of(query))))
                .should(m -> m.match(t -> t.field(IndexSchema.PATH_TEXT).query(FieldValue.of(query))
                        .boost(IndexSchema.PATH_BOOST)))
                .should(m -> m.match(t -> t.field(IndexSchema.SYMBOL_TEXT).query(FieldValue.of(query))
                        .boost(IndexSchema.SYMBOL_BOOST)))
                .minimumShouldMatch("1")
                .filter(OpenSearchFilters.of(filter))));
        return retrieve(text, k, score -> score, "searching keywords in ");
    }

    private List<RetrievedChunk> retrieve(Query query, int k, java.util.function.DoubleUnaryOperator toScore, String doing)
            throws IOException {
        try {
            // Equal scores by path, then position: the cut at k and the order do not depend on the shard's doc order.
            SearchResponse<Map> response = search(s -> s.index(index).size(k).query(query).trackScores(true)
                    .sort(o -> o.score(sc -> sc.order(SortOrder.Desc)))
                    .sort(o -> o.field(f -> f.field(IndexSchema.PATH).order(SortOrder.Asc)))
                    .sort(o -> o.field(f -> f.field(IndexSchema.ORDINAL).order(SortOrder.Asc)))
                    .source(src -> src.filter(f -> f.excludes(IndexSchema.VECTOR, IndexSchema.BM25_TEXT,
                            IndexSchema.PATH_TEXT, IndexSchema.SYMBOL_TEXT))), Map.class);
            List<RetrievedChunk> out = new ArrayList<>(response.hits().hits().size());
            for (Hit<Map> hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                Map<String, Object> source = hit.source();
                out.add(new RetrievedChunk(storedChunk(source), toScore.applyAsDouble(hit.score() == null ? 0 : hit.score())));
            }
            return out;
        } catch (OpenSearchException e) {
            if (isMissingIndex(e)) {
                return List.of();
            }
            throw connection.unavailable(doing + index, e);
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable(doing + index, e);
        }
    }

    /**
     * A search that meets the index between its creation by another replica and the start of its
     * primary shard fails with 503 ("all shards failed"): it waits for the shard (at most 10 s) and tries
     * once more, so a replica that reads while another creates the index sees what is committed, not an
     * error. A shard that does not start in that time (a red index) is still reported.
     */
    private <T> SearchResponse<T> search(Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request,
                                         Class<T> type) throws IOException {
        return search(reader, request, type);
    }

    private <T> SearchResponse<T> search(OpenSearchClient with, Function<SearchRequest.Builder, ObjectBuilder<SearchRequest>> request,
                                         Class<T> type) throws IOException {
        try {
            return with.search(request, type);
        } catch (IOException | RuntimeException e) {
            if (OpenSearchConnection.status(e) != 503) {
                throw e;
            }
            // The shard wait uses the write budget: 10 s of waiting must not time out at the query budget.
            client.cluster().health(h -> h.index(index).waitForStatus(HealthStatus.Yellow).timeout(t -> t.time("10s")));
            return with.search(request, type);
        }
    }

    /** Every document matching {@code query}, paged with search_after on a unique keyword. */
    private List<Map<String, Object>> scan(Query query, String sortField, List<String> fields) throws IOException {
        List<Map<String, Object>> out = new ArrayList<>();
        try {
            String after = null;
            while (true) {
                String from = after;
                SearchResponse<Map> page = search(client, s -> {
                    s.index(index).size(PAGE).query(query).sort(o -> o.field(f -> f.field(sortField).order(SortOrder.Asc)));
                    if (fields != null) {
                        s.source(src -> src.filter(f -> f.includes(fields)));
                    } else {
                        s.source(src -> src.filter(f -> f.excludes(IndexSchema.VECTOR)));
                    }
                    if (from != null) {
                        s.searchAfter(from);
                    }
                    return s;
                }, Map.class);
                List<Hit<Map>> hits = page.hits().hits();
                for (Hit<Map> hit : hits) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> source = hit.source();
                    out.add(source);
                }
                if (hits.size() < PAGE) {
                    return out;
                }
                after = (String) hits.get(hits.size() - 1).source().get(sortField);
            }
        } catch (OpenSearchException e) {
            if (isMissingIndex(e)) {
                return List.of();
            }
            throw connection.unavailable("listing documents of " + index, e);
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("listing documents of " + index, e);
        }
    }

    /** Creates the index with explicit mappings unless it exists; its vector width is fixed from then on. */
    private void ensureIndex(int dimension) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            return;
        }
        try {
            client.indices().create(c -> OpenSearchMappings.index(c.index(index), dimension));
        } catch (IOException | RuntimeException e) {
            if (!OpenSearchConnection.alreadyExists(e)) {
                throw e;
            }
            // another replica created it first: fine
        }
    }

    /**
     * A rebuild: empties the index, or recreates it when the new model's vectors have another width or
     * its mapping predates the current analysis (analysers cannot change on an existing index).
     */
    private void deleteEverything(int dimension) throws IOException {
        if (!client.indices().exists(e -> e.index(index)).value()) {
            return;
        }
        Integer current = OpenSearchMappings.dimension(client, index);
        if ((current != null && current != dimension) || !OpenSearchMappings.hasCurrentFields(client, index)) {
            client.indices().delete(d -> d.index(index));
        } else {
            deleteByQuery(Query.of(q -> q.matchAll(m -> m)));
        }
    }

    private void deleteByQuery(Query query) throws IOException {
        // refresh=false: the deletes become visible with the rest of the batch at the commit's refresh.
        var response = client.deleteByQuery(d -> d.index(index).query(query).refresh(false).conflicts(
                org.opensearch.client.opensearch._types.Conflicts.Proceed));
        if (!response.failures().isEmpty()) {
            throw new IOException("OpenSearch could not delete from " + index + ": " + response.failures().get(0).cause().reason());
        }
    }

    private void bulkIndex(List<Map<String, Object>> docs, String idField) throws IOException {
        for (int i = 0; i < docs.size(); i += BULK_DOCS) {
            List<BulkOperation> ops = new ArrayList<>();
            for (Map<String, Object> doc : docs.subList(i, Math.min(docs.size(), i + BULK_DOCS))) {
                String id = idField == null ? "file:" + doc.get(IndexSchema.PATH) : (String) doc.get(idField);
                ops.add(BulkOperation.of(b -> b.index(x -> x.index(index).id(id).document(doc))));
            }
            BulkResponse response = client.bulk(b -> b.operations(ops).refresh(Refresh.False));
            if (response.errors()) {
                BulkResponseItem failed = response.items().stream().filter(item -> item.error() != null).findFirst().orElseThrow();
                throw new IOException("OpenSearch refused a document for " + index + ": " + failed.error().type() + ": "
                        + failed.error().reason());
            }
        }
    }

    private static Map<String, Integer> buckets(SearchResponse<Void> response, String name) {
        Map<String, Integer> out = new HashMap<>();
        for (StringTermsBucket bucket : response.aggregations().get(name).sterms().buckets().array()) {
            out.put(bucket.key(), (int) bucket.docCount());
        }
        return out;
    }

    static Query kind(String kind) {
        return Query.of(q -> q.term(t -> t.field(IndexSchema.KIND).value(FieldValue.of(kind))));
    }

    private static Query terms(String field, List<FieldValue> values) {
        return Query.of(q -> q.terms(t -> t.field(field).terms(v -> v.value(values))));
    }

    private static Query and(Query a, Query b) {
        return Query.of(q -> q.bool(BoolQuery.of(x -> x.filter(a, b))));
    }

    private static boolean isMissingIndex(OpenSearchException e) {
        return e.status() == 404 && e.error() != null && "index_not_found_exception".equals(e.error().type());
    }

    private static Map<String, Object> chunkDocument(ChunkRecord chunk) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(IndexSchema.KIND, IndexSchema.KIND_CHUNK);
        doc.put(IndexSchema.CHUNK_ID, chunk.chunkId());
        doc.put(IndexSchema.PATH, chunk.path());
        doc.put(IndexSchema.SOURCE, chunk.source());
        doc.put(IndexSchema.SOURCE_TYPE, chunk.sourceType());
        doc.put(IndexSchema.LANGUAGE, chunk.language());
        doc.put(IndexSchema.ORDINAL, chunk.ordinal());
        doc.put(IndexSchema.TEXT, chunk.text());
        doc.put(IndexSchema.BM25_TEXT, IndexSchema.bm25Text(chunk));
        doc.put(IndexSchema.PATH_TEXT, chunk.path());
        String names = IndexSchema.symbolText(chunk);
        if (!names.isEmpty()) {
            doc.put(IndexSchema.SYMBOL_TEXT, names);
        }
        doc.put(IndexSchema.HEADING, chunk.heading());
        doc.put(IndexSchema.SYMBOL, chunk.symbol());
        doc.put(IndexSchema.START_LINE, chunk.startLine());
        doc.put(IndexSchema.END_LINE, chunk.endLine());
        doc.put(IndexSchema.VECTOR, chunk.vector());
        return doc;
    }

    private static Map<String, Object> fileDocument(FileRecord file) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(IndexSchema.KIND, IndexSchema.KIND_FILE);
        doc.put(IndexSchema.PATH, file.path());
        doc.put(IndexSchema.SOURCE, file.source());
        doc.put(OpenSearchMappings.FINGERPRINT, file.fingerprint());
        doc.put(OpenSearchMappings.CHUNK_COUNT, file.chunkCount());
        doc.put(IndexSchema.SOURCE_TYPE, file.sourceType());
        doc.put(IndexSchema.LANGUAGE, file.language());
        doc.put(OpenSearchMappings.INDEXED_AT, file.indexedAt().toEpochMilli());
        if (file.size() >= 0 && file.modifiedAt() != null) {
            // Kept in _source only (the mapping is not dynamic): read back, never searched.
            doc.put(FILE_SIZE, file.size());
            doc.put(MODIFIED_AT, IndexSchema.epochNanos(file.modifiedAt()));
        }
        return doc;
    }

    private static FileRecord fileRecord(Map<String, Object> doc) {
        return new FileRecord((String) doc.get(IndexSchema.PATH), (String) doc.get(IndexSchema.SOURCE),
                (String) doc.get(OpenSearchMappings.FINGERPRINT), ((Number) doc.get(OpenSearchMappings.CHUNK_COUNT)).intValue(),
                (String) doc.get(IndexSchema.SOURCE_TYPE), (String) doc.get(IndexSchema.LANGUAGE),
                Instant.ofEpochMilli(((Number) doc.get(OpenSearchMappings.INDEXED_AT)).longValue()),
                doc.get(FILE_SIZE) instanceof Number size ? size.longValue() : -1,
                doc.get(MODIFIED_AT) instanceof Number nanos ? IndexSchema.fromEpochNanos(nanos.longValue()) : null);
    }

    private static final String FILE_SIZE = "file_size";
    private static final String MODIFIED_AT = "modified_at_nanos";

    /** The committed records of these paths (those indexed), by path. */
    Map<String, FileRecord> filesAt(java.util.Collection<String> paths) throws IOException {
        Map<String, FileRecord> files = new HashMap<>();
        if (paths.isEmpty()) {
            return files;
        }
        List<FieldValue> values = paths.stream().distinct().map(FieldValue::of).toList();
        try {
            SearchResponse<Map> response = search(s -> s.index(index).size(values.size())
                    .query(and(kind(IndexSchema.KIND_FILE), terms(IndexSchema.PATH, values))), Map.class);
            for (var hit : response.hits().hits()) {
                @SuppressWarnings("unchecked")
                FileRecord record = fileRecord((Map<String, Object>) hit.source());
                files.put(record.path(), record);
            }
        } catch (OpenSearchException e) {
            if (!isMissingIndex(e)) {
                throw connection.unavailable("reading file records of " + index, e);
            }
        } catch (IOException | RuntimeException e) {
            throw connection.unavailable("reading file records of " + index, e);
        }
        return files;
    }

    private static StoredChunk storedChunk(Map<String, Object> doc) {
        return new StoredChunk((String) doc.get(IndexSchema.CHUNK_ID), (String) doc.get(IndexSchema.PATH),
                (String) doc.get(IndexSchema.SOURCE), (String) doc.get(IndexSchema.SOURCE_TYPE),
                (String) doc.get(IndexSchema.LANGUAGE), number(doc, IndexSchema.ORDINAL), (String) doc.get(IndexSchema.TEXT),
                (String) doc.get(IndexSchema.HEADING), (String) doc.get(IndexSchema.SYMBOL),
                number(doc, IndexSchema.START_LINE), number(doc, IndexSchema.END_LINE));
    }

    private static int number(Map<String, Object> doc, String field) {
        Object value = doc.get(field);
        return value == null ? 0 : ((Number) value).intValue();
    }

    /** The connection is shared by every project of the process and closed by its owner, not here. */
    @Override
    public void close() {
    }
}
