package dev.docserve.search.store;

import java.time.Instant;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.IntPoint;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;

/**
 * The fields of the index and why each has its type.
 *
 * <p>Two kinds of Lucene documents share one index: a {@code chunk} per chunk and one {@code file}
 * record per file. All documents of a file carry the same {@link #PATH} term and are written with one
 * {@code updateDocuments(pathTerm, block)} call, which Lucene applies atomically: after any crash a
 * file's record and its chunks are either all in the last commit or all absent.
 */
public final class IndexSchema {

    /** "chunk" or "file"; a keyword so every query can be restricted to chunks. */
    public static final String KIND = "kind";
    public static final String KIND_CHUNK = "chunk";
    public static final String KIND_FILE = "file";

    /** Relative path: the update/delete key of a file and the target of {@code file_paths} globs (keyword, stored). */
    public static final String PATH = "path";
    /** Absolute path, returned as {@code source} (stored only). */
    public static final String SOURCE = "source";
    /** Keywords for the {@code source_types} and {@code languages} filters (indexed and stored). */
    public static final String SOURCE_TYPE = "source_type";
    public static final String LANGUAGE = "language";
    public static final String CHUNK_ID = "chunk_id";
    /**
     * The chunk id again, as doc values: retrievers read it for every candidate without decompressing
     * stored fields. A field of its own because Lucene forbids adding doc values to a field that indexes
     * written before it already hold without them.
     */
    static final String CHUNK_ID_VALUES = "chunk_id_values";
    /** The path again, as doc values: the first tie-breaker of equal scores, read for every candidate. */
    static final String PATH_VALUES = "path_values";
    /** The chunk's position in its file, as doc values: the second tie-breaker. */
    static final String ORDINAL_VALUES = "ordinal_values";
    /** The chunk's text as returned to clients (stored only). */
    public static final String TEXT = "text";
    /**
     * What BM25 scores: the chunk's context (path, heading, symbol; see {@link ChunkContext}) and its
     * text, so "FileWalker" or "Install" find a chunk whose body never repeats them (analysed, not stored).
     */
    public static final String BM25_TEXT = "bm25_text";
    /**
     * The relative path again, alone in a short field (analysed, not stored): a query naming a file
     * ("server configuration") scores its chunks by BM25 over paths, where a path match weighs more
     * than one word among a chunk's hundreds. Queried with {@link #PATH_BOOST}.
     */
    public static final String PATH_TEXT = "path_text";
    /** The chunk's symbol and heading alone (analysed, not stored), queried with {@link #SYMBOL_BOOST}. */
    public static final String SYMBOL_TEXT = "symbol_text";
    /** Weight of a {@link #PATH_TEXT} match relative to a {@link #BM25_TEXT} match; a first guess, not yet tuned (docs/evaluation.md). */
    public static final float PATH_BOOST = 0.3f;
    /** Weight of a {@link #SYMBOL_TEXT} match relative to a {@link #BM25_TEXT} match; a first guess, not yet tuned (docs/evaluation.md). */
    public static final float SYMBOL_BOOST = 0.3f;
    public static final String HEADING = "heading";
    public static final String SYMBOL = "symbol";
    public static final String START_LINE = "start_line";
    public static final String END_LINE = "end_line";
    public static final String ORDINAL = "ordinal";
    /** HNSW graph over unit vectors; dot product equals cosine on them and is Lucene's cheapest similarity. */
    public static final String VECTOR = "vector";
    public static final VectorSimilarityFunction SIMILARITY = VectorSimilarityFunction.DOT_PRODUCT;

    static final String FINGERPRINT = "fingerprint";
    static final String CHUNK_COUNT = "chunk_count";
    static final String INDEXED_AT = "indexed_at";
    /** The file's size and modification time (epoch nanoseconds) when read: absent in older indexes. */
    static final String FILE_SIZE = "file_size";
    static final String MODIFIED_AT = "modified_at_nanos";

    private IndexSchema() {
    }

    public static Term pathTerm(String path) {
        return new Term(PATH, path);
    }

    static Document chunkDocument(ChunkRecord chunk) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_CHUNK, Field.Store.NO));
        doc.add(new StringField(PATH, chunk.path(), Field.Store.YES));
        doc.add(new StoredField(SOURCE, chunk.source()));
        doc.add(new StringField(SOURCE_TYPE, chunk.sourceType(), Field.Store.YES));
        doc.add(new StringField(LANGUAGE, chunk.language(), Field.Store.YES));
        doc.add(new StringField(CHUNK_ID, chunk.chunkId(), Field.Store.YES));
        doc.add(new SortedDocValuesField(CHUNK_ID_VALUES, new BytesRef(chunk.chunkId())));
        doc.add(new SortedDocValuesField(PATH_VALUES, new BytesRef(chunk.path())));
        doc.add(new NumericDocValuesField(ORDINAL_VALUES, chunk.ordinal()));
        doc.add(new StoredField(TEXT, chunk.text()));
        doc.add(new TextField(BM25_TEXT, bm25Text(chunk), Field.Store.NO));
        doc.add(new TextField(PATH_TEXT, chunk.path(), Field.Store.NO));
        String names = symbolText(chunk);
        if (!names.isEmpty()) {
            doc.add(new TextField(SYMBOL_TEXT, names, Field.Store.NO));
        }
        if (chunk.heading() != null) {
            doc.add(new StoredField(HEADING, chunk.heading()));
        }
        if (chunk.symbol() != null) {
            doc.add(new StoredField(SYMBOL, chunk.symbol()));
        }
        doc.add(new StoredField(START_LINE, chunk.startLine()));
        doc.add(new StoredField(END_LINE, chunk.endLine()));
        doc.add(new StoredField(ORDINAL, chunk.ordinal()));
        doc.add(new KnnFloatVectorField(VECTOR, chunk.vector(), SIMILARITY));
        return doc;
    }

    static Document fileDocument(FileRecord file) {
        Document doc = new Document();
        doc.add(new StringField(KIND, KIND_FILE, Field.Store.NO));
        doc.add(new StringField(PATH, file.path(), Field.Store.YES));
        doc.add(new StoredField(SOURCE, file.source()));
        doc.add(new StoredField(FINGERPRINT, file.fingerprint()));
        doc.add(new StoredField(CHUNK_COUNT, file.chunkCount()));
        doc.add(new IntPoint(CHUNK_COUNT, file.chunkCount()));
        doc.add(new StringField(SOURCE_TYPE, file.sourceType(), Field.Store.YES));
        doc.add(new StringField(LANGUAGE, file.language(), Field.Store.YES));
        doc.add(new StoredField(INDEXED_AT, file.indexedAt().toEpochMilli()));
        if (file.size() >= 0 && file.modifiedAt() != null) {
            doc.add(new StoredField(FILE_SIZE, file.size()));
            doc.add(new StoredField(MODIFIED_AT, epochNanos(file.modifiedAt())));
        }
        return doc;
    }

    static FileRecord fileRecord(Document doc) {
        IndexableField size = doc.getField(FILE_SIZE);
        IndexableField modified = doc.getField(MODIFIED_AT);
        return new FileRecord(doc.get(PATH), doc.get(SOURCE), doc.get(FINGERPRINT),
                doc.getField(CHUNK_COUNT).numericValue().intValue(), doc.get(SOURCE_TYPE), doc.get(LANGUAGE),
                Instant.ofEpochMilli(doc.getField(INDEXED_AT).numericValue().longValue()),
                size == null ? -1 : size.numericValue().longValue(),
                modified == null ? null : fromEpochNanos(modified.numericValue().longValue()));
    }

    /** Nanoseconds since the epoch: file times on Linux carry nanoseconds, and equality must survive a round trip. */
    public static long epochNanos(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    public static Instant fromEpochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    static StoredChunk storedChunk(Document doc) {
        return new StoredChunk(doc.get(CHUNK_ID), doc.get(PATH), doc.get(SOURCE), doc.get(SOURCE_TYPE), doc.get(LANGUAGE),
                storedInt(doc, ORDINAL), doc.get(TEXT), doc.get(HEADING), doc.get(SYMBOL), storedInt(doc, START_LINE),
                storedInt(doc, END_LINE));
    }

    /** A stored int field's value, 0 if absent. */
    public static int storedInt(Document doc, String field) {
        IndexableField f = doc.getField(field);
        return f == null ? 0 : f.numericValue().intValue();
    }

    /**
     * What BM25 scores for a chunk: its context header (path, heading, symbol) and its text; the model
     * reads the same with the file's name for its path. Shared by every backend so their BM25 rankings agree.
     */
    public static String bm25Text(ChunkRecord chunk) {
        return ChunkContext.of(chunk.path(), chunk.heading(), chunk.symbol()).prefix(chunk.text());
    }

    /** The symbol and heading of a chunk, one per line; empty if it has neither. */
    public static String symbolText(ChunkRecord chunk) {
        StringBuilder names = new StringBuilder();
        if (chunk.symbol() != null) {
            names.append(chunk.symbol()).append('\n');
        }
        if (chunk.heading() != null) {
            names.append(chunk.heading());
        }
        return names.toString().strip();
    }
}
