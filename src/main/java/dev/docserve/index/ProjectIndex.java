package dev.docserve.index;

import dev.docserve.corpus.IndexRequest;

import dev.docserve.index.embedding.Embedder;
import dev.docserve.search.ChunkSearcher;
import dev.docserve.search.TestFilePrior;
import dev.docserve.search.ModelMismatchException;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResponse;
import dev.docserve.search.store.ChunkCounts;
import dev.docserve.search.store.IndexManifest;
import dev.docserve.search.store.ChunkStore;
import dev.docserve.search.ChunkStores;
import dev.docserve.search.store.LuceneChunkStore;
import dev.docserve.search.store.WriteClaim;
import dev.docserve.search.store.FileRecord;
import dev.docserve.search.store.StoredChunk;
import java.util.Map;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Everything doc-serve does with one project's index: index folders, answer queries, report counts,
 * clear. One instance per project and process; the embedder may be shared between projects.
 *
 * <p>Across processes that share a store (replicas on one OpenSearch cluster) an index run or a clear
 * first claims the store ({@link ChunkStore#claimWriter()}); a second replica's run then fails with
 * a {@code StoreBusyException} naming the holder instead of interleaving its writes.
 *
 * <p>The chunks live in a {@link ChunkStore}: by default the embedded Lucene index in
 * {@code <dataDir>/index}, or whatever store the caller opened (OpenSearch). Index runs and
 * {@link #clear()} are serialised by a lock (a second caller waits); queries never wait for them and
 * see the last commit.
 */
public final class ProjectIndex implements AutoCloseable {

    public static final String INDEX_FOLDER = ChunkStores.INDEX_FOLDER;
    /** The longest an index run goes without committing (it also commits every 512 chunks). */
    public static final java.time.Duration COMMIT_EVERY = FolderIndexer.COMMIT_EVERY;

    private final Path projectRoot;
    private final ChunkStore store;
    private final Embedder embedder;
    private final FolderIndexer indexer;
    private final ChunkSearcher searcher;
    private final ReentrantLock writeLock = new ReentrantLock();

    private ProjectIndex(Path projectRoot, ChunkStore store, Embedder embedder, Clock clock) {
        this.projectRoot = projectRoot;
        this.store = store;
        this.embedder = embedder;
        this.indexer = new FolderIndexer(projectRoot, store, embedder, clock);
        this.searcher = new ChunkSearcher(store, embedder);
    }

    /**
     * Opens (or creates) the index of {@code projectRoot} under {@code dataDir}. Cheap: no model is loaded.
     *
     * @throws IOException if the index cannot be opened, e.g. another process holds its write lock
     */
    public static ProjectIndex open(Path projectRoot, Path dataDir, Embedder embedder) throws IOException {
        return open(projectRoot, dataDir, embedder, Clock.systemUTC());
    }

    public static ProjectIndex open(Path projectRoot, Path dataDir, Embedder embedder, Clock clock) throws IOException {
        Path root = projectRoot.toRealPath();
        return new ProjectIndex(root, LuceneChunkStore.open(dataDir.resolve(INDEX_FOLDER)), embedder, clock);
    }

    /**
     * The index of {@code projectRoot} over an already opened store, which it then owns (and closes).
     *
     * @throws IOException if the project root cannot be resolved; the store is closed then
     */
    public static ProjectIndex over(Path projectRoot, ChunkStore store, Embedder embedder, Clock clock) throws IOException {
        try {
            return new ProjectIndex(projectRoot.toRealPath(), store, embedder, clock);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public Path projectRoot() {
        return projectRoot;
    }

    public Embedder embedder() {
        return embedder;
    }

    /**
     * Indexes one folder incrementally ({@code force}: every file of the folder again, changed or not;
     * {@code rebuild}: drops everything indexed first). Files under the folder that are gone or no longer
     * selected are removed; other folders' files are untouched unless {@code rebuild} is set.
     *
     * @throws IllegalArgumentException     if the folder does not exist or is not a directory
     * @throws ModelMismatchException       if the index holds another model's vectors and rebuild is false
     * @throws IndexingCancelledException   if cancelled; files finished before are committed
     */
    public IndexReport index(IndexRequest request, IndexProgressListener listener, CancellationToken cancel)
            throws IOException {
        if (!request.folder().toFile().isDirectory()) {
            throw new IllegalArgumentException("folder_path is not a readable directory: " + request.folder());
        }
        writeLock.lock();
        try (WriteClaim claim = store.claimWriter()) {
            return indexer.run(request, listener, cancel);
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * @throws ModelMismatchException if the index was built with another model than the configured one
     */
    public SearchResponse query(SearchRequest request) throws IOException {
        return searcher.search(request);
    }

    /** As {@link #query(SearchRequest)} with another weight of test files (evaluations compare weights). */
    public SearchResponse query(SearchRequest request, TestFilePrior testPrior) throws IOException {
        return new ChunkSearcher(store, embedder, testPrior).search(request);
    }

    /** The raw candidate lists hybrid would fuse for this request (see {@link ChunkSearcher#candidates}). */
    public ChunkSearcher.Candidates candidates(SearchRequest request, TestFilePrior testPrior) throws IOException {
        return new ChunkSearcher(store, embedder, testPrior).candidates(request);
    }

    /** A committed chunk by id (what search hits carry), for opening it again. */

    public Optional<StoredChunk> storedChunk(String chunkId) throws IOException {
        return store.storedChunk(chunkId);
    }

    /** The committed record of one file, by its path relative to the project root. */
    public Optional<FileRecord> indexedFile(String path) throws IOException {
        return Optional.ofNullable(store.committedFiles().get(path));
    }

    /** Every committed file record, by path. */
    public Map<String, FileRecord> indexedFiles() throws IOException {
        return store.committedFiles();
    }

    public IndexStatus status() throws IOException {
        ChunkCounts counts = store.counts();
        Optional<IndexManifest> manifest = store.manifest();
        return new IndexStatus(counts.documents(), counts.chunks(), counts.docChunks(), counts.codeChunks(),
                counts.testChunks(), counts.languages(),
                manifest.map(IndexManifest::lastIndexedAt).orElse(null),
                manifest.map(IndexManifest::indexedFolders).orElse(List.of()),
                manifest.map(IndexManifest::embeddingModel).orElse(null),
                manifest.map(IndexManifest::dimension).orElse(0),
                manifest.map(IndexManifest::chunkSize).orElse(0),
                manifest.map(IndexManifest::chunkOverlap).orElse(0));
    }

    /** The committed record of every indexed file, by key ({@link #keyOf}). */
    public java.util.Map<String, dev.docserve.search.store.FileRecord> committedFiles() throws IOException {
        return store.committedFiles();
    }

    /** The manifest of the last commit; empty for an index nothing was committed to. */
    public Optional<IndexManifest> manifest() throws IOException {
        return store.manifest();
    }

    /** A file's key in the index: its path relative to the project root, or absolute outside it. */
    public String keyOf(Path realPath) {
        return indexer.key(realPath);
    }

    /** Removes everything indexed; waits for a running index run to finish first. */
    public void clear() throws IOException {
        writeLock.lock();
        try (WriteClaim claim = store.claimWriter()) {
            store.clear();
        } finally {
            writeLock.unlock();
        }
    }

    /** Commits and closes the index; waits for a running index run (cancel it first to stop quickly). */
    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            store.close();
        } finally {
            writeLock.unlock();
        }
    }
}
