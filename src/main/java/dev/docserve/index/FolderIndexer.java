package dev.docserve.index;

import dev.docserve.corpus.IndexRequest;

import dev.docserve.index.chunking.Chunk;
import dev.docserve.index.chunking.ChunkBudget;
import dev.docserve.index.chunking.DocumentChunker;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.FileWalker;
import dev.docserve.index.loading.LoadedFile;
import dev.docserve.index.loading.SkipReason;
import dev.docserve.index.loading.WalkResult;
import dev.docserve.search.ModelMismatchException;
import dev.docserve.search.store.ChunkContext;
import dev.docserve.search.store.ChunkRecord;
import dev.docserve.search.store.FileRecord;
import dev.docserve.search.store.IndexManifest;
import dev.docserve.search.store.ChunkStore;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * One index run over one folder: walk, skip unchanged files, chunk, embed, write, commit.
 *
 * <p>Incremental by content: each file's record holds a fingerprint of its bytes and of the settings
 * it was indexed with (model, effective chunk size, overlap, schema). A file is re-chunked only when the
 * fingerprint changes; files under the folder that the walk no longer selects (deleted, renamed,
 * newly excluded) are removed.
 *
 * <p>Crash safety: files are written whole (record + chunks in one atomic block) and committed every
 * {@link #COMMIT_EVERY_CHUNKS} chunks or {@link #COMMIT_EVERY}, whichever comes first, so a kill -9 loses at
 * most the uncommitted files, which the next
 * run finds changed (their committed fingerprint is the old one, or absent) and indexes again.
 *
 * <p>Throughput: files are read and chunked on a {@link ReadAhead} thread, and a batch is written to the
 * store while the model embeds the next one, so indexing runs close to the model's own speed.
 */
final class FolderIndexer {

    /** Chunks embedded per model call: amortises provider round trips; in-process speed is flat in it. */
    static final int EMBED_BATCH_CHUNKS = 64;
    /** Chunks between commits: bounds the work lost to a crash with a fast model. */
    static final int COMMIT_EVERY_CHUNKS = 512;
    /**
     * Time between commits: bounds the work lost to a crash with a slow model. The fault suite found 512
     * chunks to be ~17 s of bge-small on two cores (a kill -9 25 s into a run lost everything); a Lucene
     * commit costs a few milliseconds and an fsync.
     */
    static final java.time.Duration COMMIT_EVERY = java.time.Duration.ofSeconds(5);
    /** Files read and chunked ahead of the model; bounds the memory held by prepared chunks. */
    static final int READ_AHEAD_FILES = 128;

    private final Path projectRoot;
    private final ChunkStore store;
    private final Embedder embedder;
    private final Clock clock;
    private final FileWalker walker = new FileWalker();

    FolderIndexer(Path projectRoot, ChunkStore store, Embedder embedder, Clock clock) {
        this.projectRoot = projectRoot;
        this.store = store;
        this.embedder = embedder;
        this.clock = clock;
    }

    IndexReport run(IndexRequest request, IndexProgressListener listener, CancellationToken cancel) throws IOException {
        long started = System.nanoTime();
        Path folder = request.folder().toRealPath();
        if (!Files.isDirectory(folder)) {
            throw new IllegalArgumentException("not a directory: " + request.folder());
        }
        ChunkBudget budget = ChunkBudget.of(request, embedder.maxInputTokens());
        boolean rebuild = rebuilds(request);
        IndexManifest manifest = startingManifest(rebuild, budget);

        listener.onProgress(new IndexProgress(IndexProgress.Phase.SCANNING, 0, 0, 0, 0));
        WalkResult walk = walker.walk(request);
        // After a rebuild's deleteAll the last commit still lists the old files; none of them may be skipped.
        Map<String, FileRecord> committed = rebuild ? Map.of() : store.committedFiles();
        Run run = new Run(budget, manifest, walk, listener, cancel);
        FilePreparer preparer = new FilePreparer(new DocumentChunker(budget, embedder.tokenCounter()), committed,
                file -> key(file.path()), run.settings, request.force());
        try (ReadAhead files = new ReadAhead(walk.files(), preparer, READ_AHEAD_FILES); run) {
            run.removeVanished(folder, committed);
            for (PreparedFile file = files.next(); file != null; file = files.next()) {
                cancel.throwIfCancelled();
                run.consume(file);
            }
            run.flush();
            run.writeEmbeddedBatch();
            listener.onProgress(run.progress(IndexProgress.Phase.COMMITTING));
            run.manifest = run.manifest.withFolder(folder.toString(), options(request)).withLastIndexedAt(clock.instant());
            store.commit(run.manifest);
            if (run.filesIndexed + run.filesRemoved > 0) {
                store.compact();
            }
        } catch (IOException | RuntimeException e) {
            try {
                run.commitFinishedFiles(folder);
            } catch (IOException | RuntimeException commitFailure) {
                e.addSuppressed(commitFailure);
            }
            throw e;
        }
        return new IndexReport(folder.toString(), walk.files().size(), run.filesIndexed, run.filesUnchanged,
                run.filesRemoved, run.skippedByWireName(), run.chunksDone, budget.requestedSize(), budget.effectiveSize(),
                budget.overlap(), embedder.modelName(), (System.nanoTime() - started) / 1_000_000,
                run.embeddingNanos / 1_000_000);
    }

    /**
     * The manifest this run writes. A {@code rebuild} run starts from an empty index; otherwise (a
     * {@code force} run included, which re-embeds only this folder's files and must not mix two models'
     * vectors) the index must have been built with the same model, or be empty.
     */
    private IndexManifest startingManifest(boolean rebuild, ChunkBudget budget) throws IOException {
        IndexManifest fresh = new IndexManifest(IndexManifest.SCHEMA_VERSION, embedder.modelName(), embedder.dimension(),
                budget.effectiveSize(), budget.overlap(), List.of(), null);
        Optional<IndexManifest> current = store.manifest();
        if (rebuild) {
            store.deleteAll();
            return fresh;
        }
        if (current.isEmpty() || store.counts().chunks() == 0) {
            return current.map(m -> new IndexManifest(fresh.schemaVersion(), fresh.embeddingModel(), fresh.dimension(),
                    fresh.chunkSize(), fresh.chunkOverlap(), m.indexedFolders(), m.lastIndexedAt(), m.folderOptions()))
                    .orElse(fresh);
        }
        IndexManifest m = current.get();
        if (!m.embeddingModel().equals(embedder.modelName()) || m.dimension() != embedder.dimension()) {
            throw new ModelMismatchException(m.embeddingModel(), m.dimension(), embedder.modelName(), embedder.dimension());
        }
        return new IndexManifest(IndexManifest.SCHEMA_VERSION, m.embeddingModel(), m.dimension(), budget.effectiveSize(),
                budget.overlap(), m.indexedFolders(), m.lastIndexedAt(), m.folderOptions());
    }

    static IndexManifest.FolderOptions options(IndexRequest r) {
        return new IndexManifest.FolderOptions(r.chunkSize(), r.chunkOverlap(), r.recursive(), r.includeCode(),
                r.supportedLanguages(), r.includePatterns(), r.excludePatterns());
    }

    /**
     * Whether this run starts from an empty index: on request ({@code rebuild}), or because the index has
     * an older layout. {@code force} alone never drops other folders' chunks.
     */
    private boolean rebuilds(IndexRequest request) throws IOException {
        return request.rebuild() || store.manifest().map(m -> m.schemaVersion() != IndexManifest.SCHEMA_VERSION).orElse(false);
    }

    /** The file's key in the index: its path relative to the project root, or absolute outside it. */
    String key(Path realPath) {
        return realPath.startsWith(projectRoot)
                ? projectRoot.relativize(realPath).toString().replace('\\', '/')
                : realPath.toString();
    }

    private final class Run implements AutoCloseable {
        private final String settings;
        /** Embeds one batch while this run's thread writes the previous one: the model never waits for Lucene. */
        private final ExecutorService embedding = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "doc-serve-embed-batch");
            t.setDaemon(true);
            return t;
        });
        /** The batch being embedded, written by the next {@link #flush} or by {@link #writeEmbeddedBatch}. */
        private EmbeddedBatch inFlight;
        private final WalkResult walk;
        private final IndexProgressListener listener;
        private final CancellationToken cancel;
        private final List<PendingFile> pending = new ArrayList<>();
        private final Map<SkipReason, Integer> skipped = new EnumMap<>(SkipReason.class);
        private IndexManifest manifest;
        private int pendingChunks;
        private int chunksSinceCommit;
        private long lastCommitNanos = System.nanoTime();
        private int filesDone;
        private int filesIndexed;
        private int filesUnchanged;
        private int filesRemoved;
        private int chunksDone;
        private int chunksFound;
        private long embeddingNanos;

        Run(ChunkBudget budget, IndexManifest manifest, WalkResult walk, IndexProgressListener listener,
            CancellationToken cancel) {
            this.cancel = cancel;
            this.settings = "|" + embedder.modelName() + "|" + budget.effectiveSize() + "|" + budget.overlap()
                    + "|v" + IndexManifest.SCHEMA_VERSION;
            this.manifest = manifest;
            this.walk = walk;
            this.listener = listener;
            walk.skipped().forEach((reason, n) -> skipped.merge(reason, n, Integer::sum));
        }

        Map<String, Integer> skippedByWireName() {
            Map<String, Integer> out = new java.util.TreeMap<>();
            skipped.forEach((reason, n) -> out.put(reason.wireName(), n));
            return out;
        }

        void removeVanished(Path folder, Map<String, FileRecord> committed) throws IOException {
            Set<String> selected = new HashSet<>();
            walk.files().forEach(f -> selected.add(key(f.path())));
            for (FileRecord record : committed.values()) {
                Path source = Path.of(record.source());
                if (source.startsWith(folder) && !selected.contains(record.path())) {
                    store.deleteFile(record.path());
                    filesRemoved++;
                }
            }
        }

        void consume(PreparedFile prepared) throws IOException {
            if (prepared instanceof PreparedFile.Unchanged) {
                filesUnchanged++;
                fileDone();
            } else if (prepared instanceof PreparedFile.Touched touched) {
                FileRecord was = touched.previous();
                store.updateFileRecord(new FileRecord(was.path(), was.source(), was.fingerprint(), was.chunkCount(),
                        was.sourceType(), was.language(), clock.instant(), touched.file().sizeBytes(), touched.file().modifiedAt()));
                filesUnchanged++;
                fileDone();
            } else if (prepared instanceof PreparedFile.Unreadable unreadable) {
                skipped.merge(unreadable.reason(), 1, Integer::sum);
                if (unreadable.wasIndexed()) {
                    store.deleteFile(key(unreadable.file().path())); // old chunks describe content we can no longer read
                    filesRemoved++;
                }
                fileDone();
            } else if (prepared instanceof PreparedFile.Chunked chunked) {
                pending.add(new PendingFile(key(chunked.file().path()), chunked.loaded(), chunked.chunks()));
                pendingChunks += chunked.chunks().size();
                chunksFound += chunked.chunks().size();
                if (pendingChunks >= EMBED_BATCH_CHUNKS) {
                    flush();
                }
            }
        }

        /**
         * Starts embedding the pending files and writes the batch embedded before them meanwhile; commits
         * when enough chunks have accumulated. Writing (HNSW insertion, commits) used to leave the
         * model's cores idle between batches.
         */
        void flush() throws IOException {
            if (pending.isEmpty()) {
                return;
            }
            List<PendingFile> files = List.copyOf(pending);
            List<String> texts = new ArrayList<>(pendingChunks);
            // The model reads each chunk under its file name, heading path and symbol (ChunkContext.forEmbedding);
            // BM25 reads the whole path too (IndexSchema.bm25Text). Clients get the span.
            files.forEach(p -> p.chunks().forEach(c ->
                    texts.add(ChunkContext.forEmbedding(p.key(), c.heading(), c.symbol()).prefix(c.text()))));
            pending.clear();
            pendingChunks = 0;
            EmbeddedBatch next = new EmbeddedBatch(files, embedding.submit(() -> {
                long t0 = System.nanoTime();
                List<float[]> vectors = embedder.embedDocuments(texts);
                return new Vectors(vectors, System.nanoTime() - t0);
            }));
            writeEmbeddedBatch();
            cancel.throwIfCancelled(); // the batch the model finished is kept, the one just started is not
            inFlight = next;
        }

        /** Waits for the batch in flight, if any, and writes its files. */
        void writeEmbeddedBatch() throws IOException {
            if (inFlight == null) {
                return;
            }
            EmbeddedBatch batch = inFlight;
            inFlight = null;
            Vectors embedded = batch.await();
            embeddingNanos += embedded.nanos();
            int v = 0;
            for (PendingFile p : batch.files()) {
                List<ChunkRecord> records = new ArrayList<>(p.chunks().size());
                for (int i = 0; i < p.chunks().size(); i++) {
                    records.add(toRecord(p, i, embedded.vectors().get(v++)));
                }
                CandidateFile f = p.file().file();
                store.replaceFile(new FileRecord(p.key(), f.path().toString(), p.file().contentHash() + settings,
                        records.size(), f.sourceType().wireName(), f.language(), clock.instant(),
                        f.modifiedAt() == null ? -1 : f.sizeBytes(), f.modifiedAt()), records);
                filesIndexed++;
                chunksDone += records.size();
                chunksSinceCommit += records.size();
                fileDone();
            }
            if (chunksSinceCommit >= COMMIT_EVERY_CHUNKS || System.nanoTime() - lastCommitNanos >= COMMIT_EVERY.toNanos()) {
                store.commit(manifest);
                chunksSinceCommit = 0;
                lastCommitNanos = System.nanoTime();
            }
        }

        /**
         * After a failure or cancel: keep the files written so far and those of a batch the model finished
         * (each file is whole), drop the pending ones.
         */
        void commitFinishedFiles(Path folder) throws IOException {
            pending.clear();
            try {
                writeEmbeddedBatch(); // a cancel keeps the batch the model finished
            } catch (IOException | RuntimeException batchFailed) {
                inFlight = null; // its files stay unindexed; the next run indexes them
            }
            store.commit(manifest.withFolder(folder.toString()));
        }

        /**
         * Lets a batch still embedding finish before the run ends, so no model call outlives the run
         * (a cancelled run's job slot is taken by the next job at once).
         */
        @Override
        public void close() {
            embedding.shutdown();
            try {
                while (!embedding.awaitTermination(1, TimeUnit.SECONDS)) {
                    // an in-process model call cannot be interrupted; a remote one ends with its timeout
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private ChunkRecord toRecord(PendingFile p, int ordinal, float[] vector) {
            Chunk c = p.chunks().get(ordinal);
            CandidateFile f = p.file().file();
            return new ChunkRecord(chunkId(p.key(), ordinal, c.text()), p.key(), f.path().toString(),
                    f.sourceType().wireName(), f.language(), ordinal, c.text(), c.heading(), c.symbol(),
                    c.startLine(), c.endLine(), vector);
        }

        private void fileDone() {
            filesDone++;
            listener.onProgress(progress(IndexProgress.Phase.INDEXING));
        }

        IndexProgress progress(IndexProgress.Phase phase) {
            return new IndexProgress(phase, walk.files().size(), filesDone, chunksDone, chunksFound);
        }
    }

    private record PendingFile(String key, LoadedFile file, List<Chunk> chunks) {
    }

    private record Vectors(List<float[]> vectors, long nanos) {
    }

    private record EmbeddedBatch(List<PendingFile> files, Future<Vectors> embedding) {

        /** The batch's vectors, or the model's failure as it was thrown. */
        Vectors await() throws IOException {
            try {
                return embedding.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for the embedding model");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (e.getCause() instanceof Error error) {
                    throw error;
                }
                throw new IOException(e.getCause());
            }
        }
    }

    /** Stable across runs for the same file, position and text; unique within an index. */
    static String chunkId(String key, int ordinal, String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(key.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(Integer.toString(ordinal).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest(), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM ships SHA-256", e);
        }
    }
}
