package dev.docserve.search.store;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where one project's chunks, file records and manifest live, and the two retrievers over them. The
 * embedded Lucene index ({@link LuceneChunkStore}) and OpenSearch ({@code OpenSearchChunkStore})
 * implement it; indexing, incremental updates, filters and fusion work only through this interface,
 * so they behave the same whichever backend is configured.
 *
 * <p>Visibility contract: writes ({@link #replaceFile}, {@link #deleteFile}, {@link #deleteAll}) are
 * seen by readers ({@link #committedFiles}, {@link #counts}, {@link #manifest} and {@link #openView})
 * only after {@link #commit}; a commit makes the whole batch visible at once. How durable and how
 * atomic a commit is depends on the backend and is stated by each implementation.
 *
 * <p>Thread safety: reads from any thread; writes from one indexing thread at a time (the caller
 * serialises index runs per project).
 */
public interface ChunkStore extends Closeable {

    /** Replaces everything stored for {@code file.path()} with this record and these chunks. */
    void replaceFile(FileRecord file, List<ChunkRecord> chunks) throws IOException;

    /**
     * Replaces the record of a file whose content did not change (same fingerprint) but whose size or
     * time did, e.g. after a {@code git checkout} rewrote it, keeping its chunks. Without it such a file
     * would read as stale, and be read again by every later run.
     */
    void updateFileRecord(FileRecord file) throws IOException;

    /** Removes a file's record and chunks. */
    void deleteFile(String path) throws IOException;

    /** Removes every file and chunk at the next {@link #commit}; the last committed state stays readable until then. */
    void deleteAll() throws IOException;

    /** Removes every chunk, file record and the manifest, and commits: the store is as new. */
    void clear() throws IOException;

    /** Makes all writes since the last commit visible together with {@code manifest}. */
    void commit(IndexManifest manifest) throws IOException;

    /**
     * Reorganises committed data for faster queries after an index run changed it (the embedded index
     * merges its segments); what readers see does not change. Backends that manage this themselves do
     * nothing.
     */
    default void compact() throws IOException {
    }

    /** The manifest of the last commit; empty for a store nothing was ever committed to. */
    Optional<IndexManifest> manifest() throws IOException;

    /** Every committed file record, by path. */
    Map<String, FileRecord> committedFiles() throws IOException;

    /** Ids of every committed chunk (for consistency checks; O(chunks)). */
    List<String> chunkIds() throws IOException;

    ChunkCounts counts() throws IOException;

    /**
     * The stored fields of one committed chunk, looked up by its id (what a search hit hands an agent
     * to open later); empty when no committed chunk has that id, e.g. its file changed and was re-indexed.
     */
    Optional<StoredChunk> storedChunk(String chunkId) throws IOException;

    /**
     * Opens a view for one query over the last commit: the manifest, filtered k-NN and BM25 retrieval,
     * and the stored fields of the chunks kept. Close it when done.
     */
    SearchView openView() throws IOException;

    /**
     * Claims the store for one writer across every process that shares it, for the length of an index
     * run or a clear. Writes without a claim are the caller's risk.
     *
     * @throws StoreBusyException if another process holds the claim
     */
    default WriteClaim claimWriter() throws IOException {
        return WriteClaim.NONE;
    }

    /** A short description for logs and errors, e.g. the index folder or the OpenSearch index name. */
    String describe();
}
