package dev.docserve.eval;

import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexProgressListener;
import dev.docserve.index.IndexReport;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.search.ChunkSearcher;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResult;
import dev.docserve.search.TestFilePrior;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Indexes a repository as a user would ({@code include_code}, the built-in excludes, recursive) with
 * the index data in a scratch folder, and answers each mode through the same query path as
 * {@code POST /query}, mapping chunk hits to their path relative to the repository.
 *
 * <p>Each query asks for {@value #CHUNKS_PER_QUERY} chunks: enough that ten distinct files remain
 * after pooling even when the best files own several chunks each.
 */
public final class RepoIndexer implements AutoCloseable {

    static final int CHUNKS_PER_QUERY = 100;

    private final ProjectIndex index;
    private final IndexReport report;

    private RepoIndexer(ProjectIndex index, IndexReport report) {
        this.index = index;
        this.report = report;
    }

    /**
     * @param dataDir an empty scratch folder for the index; the caller deletes it
     */
    public static RepoIndexer index(Path repo, Path dataDir, Embedder embedder, int chunkSize, int chunkOverlap,
                                    IndexProgressListener progress) throws IOException {
        ProjectIndex index = ProjectIndex.open(repo, dataDir, embedder);
        try {
            IndexReport report = index.index(IndexRequest.of(repo.toRealPath()).withIncludeCode(true)
                    .withChunking(chunkSize, chunkOverlap), progress, CancellationToken.none());
            return new RepoIndexer(index, report);
        } catch (IOException | RuntimeException e) {
            index.close();
            throw e;
        }
    }

    public IndexReport report() {
        return report;
    }

    /** Chunks per language as the index counts them. */
    public Map<String, Integer> chunksByLanguage() throws IOException {
        return index.status().languages();
    }

    public Retriever retriever(SearchMode mode, FusionMethod fusion, double alpha) {
        return retriever(mode, fusion, alpha, TestFilePrior.defaults());
    }

    public Retriever retriever(SearchMode mode, FusionMethod fusion, double alpha, TestFilePrior testPrior) {
        return (text, depth) -> {
            SearchRequest request = SearchRequest.of(text).withMode(mode).withFusion(fusion).withAlpha(alpha)
                    .withTopK(CHUNKS_PER_QUERY);
            return index.query(request, testPrior).results().stream()
                    .map(hit -> new ScoredDoc(relativePath(hit), hit.score()))
                    .toList();
        };
    }

    /** What both retrievers hand hybrid fusion for this query, as deep as the retrievers above ask. */
    public ChunkSearcher.Candidates candidates(String text, FusionMethod fusion, double alpha, TestFilePrior testPrior)
            throws IOException {
        return index.candidates(SearchRequest.of(text).withMode(SearchMode.HYBRID).withFusion(fusion).withAlpha(alpha)
                .withTopK(CHUNKS_PER_QUERY), testPrior);
    }

    private static String relativePath(SearchResult hit) {
        return String.valueOf(hit.metadata().get("path"));
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
