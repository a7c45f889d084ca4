package dev.docserve.search.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

/**
 * One project's Lucene index: chunks with BM25 text and HNSW vectors, file records, and the manifest
 * in the commit user data.
 *
 * <p>Writes go through one {@link IndexWriter} (which holds Lucene's {@code write.lock}, so a second
 * process cannot open the same index for writing). Reads go through a {@link SearcherManager} opened
 * on the directory, not on the writer: searchers see only committed data, never a half-indexed batch,
 * and a running index job never blocks a query. {@link #commit} refreshes them.
 *
 * <p>Thread safety: reads are safe from any thread; writes are expected from one indexing thread at a
 * time (the caller serialises jobs per project).
 *
 * <p>Durability: a commit is a Lucene commit (fsynced, atomic), and a file's record and chunks are one
 * block written atomically, so after a crash a file is either wholly in the last commit or absent.
 */
public final class LuceneChunkStore implements ChunkStore {

    /** BM25 analysis of indexed text: English prose analysis that also splits identifiers ({@link CodeAwareAnalyzer}). */
    public static Analyzer newAnalyzer() {
        return CodeAwareAnalyzer.forIndexing();
    }

    static final int SEGMENTS_BEFORE_COMPACT = 4;
    /** Chunks and file records. */
    static final int MAX_DOCS_TO_COMPACT = 150_000;

    private final Path indexDir;
    private final Directory directory;
    private volatile IndexWriter writer;
    private final SearcherManager searchers;
    private final Analyzer analyzer;

    private LuceneChunkStore(Path indexDir, Directory directory, IndexWriter writer, SearcherManager searchers,
                             Analyzer analyzer) {
        this.indexDir = indexDir;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.analyzer = analyzer;
    }

    /** Opens the index in {@code indexDir}, creating an empty one (with a first commit) if there is none. */
    public static LuceneChunkStore open(Path indexDir) throws IOException {
        Files.createDirectories(indexDir);
        Directory directory = FSDirectory.open(indexDir);
        Analyzer analyzer = newAnalyzer();
        IndexWriter writer = null;
        try {
            writer = newWriter(directory, analyzer);
            if (!DirectoryReader.indexExists(directory)) {
                writer.commit();
            }
            return new LuceneChunkStore(indexDir, directory, writer, new SearcherManager(directory, null), analyzer);
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.rollback();
            }
            directory.close();
            throw e;
        }
    }

    private static IndexWriter newWriter(Directory directory, Analyzer analyzer) throws IOException {
        IndexWriterConfig config = new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                .setCodec(new WideVectorCodec())
                .setRAMBufferSizeMB(64);
        return new IndexWriter(directory, config);
    }

    /**
     * The writer, opened again if a tragic error closed it. A full disk during a flush or commit is such
     * an error: Lucene then drops what was not committed, keeps the last commit and releases its write
     * lock, so a new writer resumes from that commit. Without this, one full disk would refuse every
     * later index job until a restart (the fault suite found it).
     */
    private IndexWriter writer() throws IOException {
        IndexWriter current = writer;
        if (current.isOpen()) {
            return current;
        }
        writer = newWriter(directory, analyzer);
        return writer;
    }

    @Override
    public String describe() {
        return "Lucene index " + indexDir;
    }

    /** Replaces everything indexed for {@code file.path()} with this record and these chunks, atomically. */
    @Override
    public void replaceFile(FileRecord file, List<ChunkRecord> chunks) throws IOException {
        List<Document> block = new ArrayList<>(chunks.size() + 1);
        block.add(IndexSchema.fileDocument(file));
        for (ChunkRecord chunk : chunks) {
            block.add(IndexSchema.chunkDocument(chunk));
        }
        writer().updateDocuments(IndexSchema.pathTerm(file.path()), block);
    }

    /** Deletes the old record and adds the new one; both land in the same commit, the chunks are untouched. */
    @Override
    public void updateFileRecord(FileRecord file) throws IOException {
        IndexWriter current = writer();
        current.deleteDocuments(new org.apache.lucene.search.BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_FILE)), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                .add(new TermQuery(IndexSchema.pathTerm(file.path())), org.apache.lucene.search.BooleanClause.Occur.FILTER)
                .build());
        current.addDocument(IndexSchema.fileDocument(file));
    }

    @Override
    public void deleteFile(String path) throws IOException {
        writer().deleteDocuments(IndexSchema.pathTerm(path));
    }

    /** Deletes everything; takes effect (for searchers and on disk) at the next {@link #commit}. */
    @Override
    public void deleteAll() throws IOException {
        writer().deleteAll();
    }

    /** Deletes every chunk, file record and the manifest, and commits: the index is as new. */
    @Override
    public void clear() throws IOException {
        IndexWriter current = writer();
        current.deleteAll();
        current.setLiveCommitData(Map.<String, String>of().entrySet());
        current.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * Makes all changes since the last commit durable together with {@code manifest}, then lets new
     * searches see them. Lucene writes a new segments file and fsyncs before switching to it, so a
     * crash at any point leaves either the previous commit or this one.
     */
    @Override
    public void commit(IndexManifest manifest) throws IOException {
        IndexWriter current = writer();
        current.setLiveCommitData(manifest.toUserData().entrySet());
        current.commit();
        searchers.maybeRefreshBlocking();
    }

    /**
     * Merges the index into one segment once it has more than {@link #SEGMENTS_BEFORE_COMPACT}, and
     * commits. Every query searches each segment's HNSW graph and terms separately, and an index run
     * leaves one small segment per commit (every 512 chunks), which Lucene's background merges only
     * partly fold together (and do not commit): on a 9,946-chunk index left in 6 segments, hybrid
     * retrieval took 1.8 ms at p50 against 1.2 ms merged. The threshold keeps a small incremental run
     * from rewriting the index each time. A full merge rebuilds the HNSW graphs, so its cost grows with
     * the index (3.7 s for 12,946 documents here); above {@link #MAX_DOCS_TO_COMPACT} it is left to
     * Lucene's own merge policy.
     */
    @Override
    public void compact() throws IOException {
        IndexWriter current = writer();
        if (segmentCount() > SEGMENTS_BEFORE_COMPACT && current.getDocStats().numDocs <= MAX_DOCS_TO_COMPACT) {
            current.forceMerge(1);
            current.commit(); // the live commit data is still the last commit's manifest
            searchers.maybeRefreshBlocking();
        }
    }

    /** Segments in the last commit. */
    int segmentCount() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().leaves().size();
        } finally {
            searchers.release(searcher);
        }
    }

    /** The manifest of the last commit; empty for an index nothing was ever indexed into. */
    @Override
    public Optional<IndexManifest> manifest() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return manifest(searcher);
        } finally {
            searchers.release(searcher);
        }
    }

    static Optional<IndexManifest> manifest(IndexSearcher searcher) throws IOException {
        DirectoryReader reader = (DirectoryReader) searcher.getIndexReader();
        return IndexManifest.fromUserData(reader.getIndexCommit().getUserData());
    }

    /** Every committed file record, by path. */
    @Override
    public Map<String, FileRecord> committedFiles() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_FILE));
            int count = searcher.count(query);
            Map<String, FileRecord> files = new HashMap<>();
            if (count == 0) {
                return files;
            }
            var storedFields = searcher.storedFields();
            for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
                FileRecord record = IndexSchema.fileRecord(storedFields.document(hit.doc));
                files.put(record.path(), record);
            }
            return files;
        } finally {
            searchers.release(searcher);
        }
    }

    /** Ids of every committed chunk (for consistency checks; O(chunks)). */
    @Override
    public List<String> chunkIds() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK));
            int count = searcher.count(query);
            List<String> ids = new ArrayList<>(count);
            if (count > 0) {
                var storedFields = searcher.storedFields();
                for (ScoreDoc hit : searcher.search(query, count).scoreDocs) {
                    ids.add(storedFields.document(hit.doc, java.util.Set.of(IndexSchema.CHUNK_ID)).get(IndexSchema.CHUNK_ID));
                }
            }
            return ids;
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public Optional<StoredChunk> storedChunk(String chunkId) throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query query = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexSchema.CHUNK_ID, chunkId)), BooleanClause.Occur.FILTER)
                    .build();
            ScoreDoc[] hits = searcher.search(query, 1).scoreDocs;
            return hits.length == 0 ? Optional.empty()
                    : Optional.of(IndexSchema.storedChunk(searcher.storedFields().document(hits[0].doc)));
        } finally {
            searchers.release(searcher);
        }
    }

    @Override
    public SearchView openView() throws IOException {
        return new LuceneSearchView(searchers, CodeAwareAnalyzer.forQueries());
    }

    @Override
    public ChunkCounts counts() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            Query chunks = new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK));
            int total = searcher.count(chunks);
            if (total == 0) {
                return new ChunkCounts(searcher.count(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_FILE))),
                        0, 0, 0, 0, Map.of());
            }
            int docs = countChunks(searcher, IndexSchema.SOURCE_TYPE, "doc");
            int code = countChunks(searcher, IndexSchema.SOURCE_TYPE, "code");
            int tests = countChunks(searcher, IndexSchema.SOURCE_TYPE, "test");
            Map<String, Integer> languages = new TreeMap<>();
            Terms terms = MultiTerms.getTerms(searcher.getIndexReader(), IndexSchema.LANGUAGE);
            if (terms != null) {
                TermsEnum it = terms.iterator();
                for (BytesRef term = it.next(); term != null; term = it.next()) {
                    int n = countChunks(searcher, IndexSchema.LANGUAGE, term.utf8ToString());
                    if (n > 0) {
                        languages.put(term.utf8ToString(), n);
                    }
                }
            }
            int files = searcher.count(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_FILE)));
            return new ChunkCounts(files, total, docs, code + tests, tests, languages);
        } finally {
            searchers.release(searcher);
        }
    }

    private static int countChunks(IndexSearcher searcher, String field, String value) throws IOException {
        return searcher.count(new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexSchema.KIND, IndexSchema.KIND_CHUNK)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(field, value)), BooleanClause.Occur.FILTER)
                .build());
    }

    /**
     * Closes the index. Changes not yet committed are committed (they are whole files, see
     * {@link IndexSchema}), with the manifest of the last commit.
     */
    @Override
    public void close() throws IOException {
        try {
            searchers.close();
        } finally {
            try {
                if (writer.isOpen()) {
                    writer.close();
                }
            } finally {
                directory.close();
            }
        }
    }
}
