package dev.docserve.bench;

import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexReport;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.chunking.Chunk;
import dev.docserve.search.store.ChunkContext;
import dev.docserve.index.chunking.ChunkBudget;
import dev.docserve.index.chunking.DocumentChunker;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.loading.CandidateFile;
import dev.docserve.index.loading.FileWalker;
import dev.docserve.index.loading.TextExtractor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Indexing throughput of the whole pipeline (walk, read, chunk, embed, write, commit) against the
 * raw throughput of the same embedding model on the same chunks, in the same process. The ratio is
 * the figure of merit: it says how much the pipeline costs on top of the model.
 */
final class ThroughputBench {

    private static final int RAW_BATCH = 32;

    record Result(int files, int chunks, double rawChunksPerSecond, double pipelineChunksPerSecond, double ratio,
                  long pipelineMillis, long embeddingMillis) {
    }

    private ThroughputBench() {
    }

    static Result run(Path project, Path folder, Path dataDir, Embedder embedder, int chunkSize) throws IOException {
        embedder.embedDocuments(List.of("warm up: load the model before anything is timed"));
        IndexRequest request = IndexRequest.of(folder).withChunking(chunkSize, IndexRequest.DEFAULT_CHUNK_OVERLAP);
        DocumentChunker chunker = new DocumentChunker(ChunkBudget.of(request, embedder.maxInputTokens()), embedder.tokenCounter());
        List<String> texts = new ArrayList<>();
        List<CandidateFile> files = new FileWalker().walk(request).files();
        for (CandidateFile file : files) {
            for (Chunk chunk : chunker.chunk(new TextExtractor().load(file))) {
                // What the pipeline embeds, so that both sides do the same work.
                texts.add(ChunkContext.forEmbedding(file.path().getFileName().toString(), chunk.heading(), chunk.symbol())
                        .prefix(chunk.text()));
            }
        }
        long began = System.nanoTime();
        for (int i = 0; i < texts.size(); i += RAW_BATCH) {
            embedder.embedDocuments(texts.subList(i, Math.min(texts.size(), i + RAW_BATCH)));
        }
        double rawSeconds = (System.nanoTime() - began) / 1e9;
        double raw = texts.size() / rawSeconds;
        try (ProjectIndex index = ProjectIndex.open(project, dataDir, embedder)) {
            IndexReport report = index.index(request.withForce(true), progress -> { }, CancellationToken.none());
            double pipeline = report.chunksIndexed() * 1000.0 / report.durationMs();
            return new Result(files.size(), report.chunksIndexed(), raw, pipeline, pipeline / raw, report.durationMs(),
                    report.embeddingMs());
        }
    }
}
