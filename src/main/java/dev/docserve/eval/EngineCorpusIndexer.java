package dev.docserve.eval;

import dev.docserve.index.IndexProgressListener;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.CancellationToken;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.search.ChunkSearcher;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResult;
import dev.docserve.search.TestFilePrior;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the real engine: every document becomes a file ({@code <id>.txt}: title, blank line,
 * text) in a temporary project, indexed by the same pipeline as {@code POST /index}; each mode's
 * retriever sends the query through the same search path as {@code POST /query}, only deeper, and
 * maps chunk hits back to document ids by file name.
 *
 * <p>Chunk depth is {@value #CHUNKS_PER_DOCUMENT} × the document depth, so that documents split into
 * several chunks still fill the document ranking after pooling.
 */
public final class EngineCorpusIndexer implements CorpusIndexer, AutoCloseable {

    static final int CHUNKS_PER_DOCUMENT = 3;

    private final Path workDir;
    private final Embedder embedder;
    private final int chunkSize;
    private final int chunkOverlap;
    private final List<String> modes;
    private final IndexProgressListener progress;
    private FusionMethod fusion = FusionMethod.DEFAULT;
    private double alpha = SearchRequest.DEFAULT_ALPHA;
    private ProjectIndex index;

    /**
     * @param workDir an empty folder for the corpus files and the index; the caller deletes it
     * @param modes   the modes to evaluate, in report order (vector, bm25, hybrid)
     */
    public EngineCorpusIndexer(Path workDir, Embedder embedder, int chunkSize, int chunkOverlap, List<String> modes,
            IndexProgressListener progress) {
        this.workDir = workDir;
        this.embedder = embedder;
        this.chunkSize = chunkSize;
        this.chunkOverlap = chunkOverlap;
        this.modes = List.copyOf(modes);
        this.progress = progress;
    }

    /** Hybrid queries with this fusion and alpha instead of the engine's defaults. */
    public EngineCorpusIndexer withHybrid(FusionMethod method, double weight) {
        this.fusion = method;
        this.alpha = weight;
        return this;
    }

    @Override
    public Map<String, Retriever> index(List<Document> corpus) throws IOException {
        Path project = Files.createDirectories(workDir.resolve("project"));
        Path folder = Files.createDirectories(project.resolve("corpus"));
        for (Document document : corpus) {
            Files.writeString(folder.resolve(fileName(document.id())), document.title() + "\n\n" + document.text());
        }
        index = ProjectIndex.open(project, workDir.resolve("data"), embedder);
        index.index(IndexRequest.of(folder).withChunking(chunkSize, chunkOverlap), progress, CancellationToken.none());
        Map<String, Retriever> retrievers = new LinkedHashMap<>();
        for (String mode : modes) {
            SearchMode searchMode = SearchMode.fromWireName(mode);
            retrievers.put(mode, (text, depth) -> search(text, depth, searchMode));
        }
        return retrievers;
    }

    private List<ScoredDoc> search(String text, int depth, SearchMode mode) throws IOException {
        List<SearchResult> results = index.query(request(text, depth, mode)).results();
        return results.stream().map(hit -> new ScoredDoc(documentId(hit), hit.score())).toList();
    }

    /** What both retrievers hand hybrid fusion for this query at this document depth (call after {@link #index}). */
    public ChunkSearcher.Candidates candidates(String text, int depth) throws IOException {
        return index.candidates(request(text, depth, SearchMode.HYBRID), TestFilePrior.defaults());
    }

    private SearchRequest request(String text, int depth, SearchMode mode) {
        int chunks = Math.min(SearchRequest.ENGINE_MAX_TOP_K, depth * CHUNKS_PER_DOCUMENT);
        return SearchRequest.of(text).withMode(mode).withFusion(fusion).withAlpha(alpha).withTopK(chunks);
    }

    /** Ids may hold characters a file name cannot; hex-escape everything but a safe set. */
    static String fileName(String id) {
        StringBuilder name = new StringBuilder();
        for (char c : id.toCharArray()) {
            if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                name.append(c);
            } else {
                name.append('%').append(String.format("%04x", (int) c));
            }
        }
        return name.append(".txt").toString();
    }

    static String documentId(SearchResult hit) {
        return documentIdOfPath(hit.source());
    }

    /** The document id a chunk's file stands for. */
    public static String documentIdOfPath(String path) {
        String file = Path.of(path).getFileName().toString();
        String escaped = file.substring(0, file.length() - ".txt".length());
        StringBuilder id = new StringBuilder();
        for (int i = 0; i < escaped.length(); i++) {
            char c = escaped.charAt(i);
            if (c == '%') {
                id.append((char) Integer.parseInt(escaped.substring(i + 1, i + 5), 16));
                i += 4;
            } else {
                id.append(c);
            }
        }
        return id.toString();
    }

    @Override
    public void close() throws IOException {
        if (index != null) {
            index.close();
        }
    }
}
