package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexReport;
import dev.docserve.index.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.chunking.Chunk;
import dev.docserve.index.chunking.ChunkBudget;
import dev.docserve.index.chunking.DocumentChunker;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.index.loading.FileWalker;
import dev.docserve.index.loading.LoadedFile;
import dev.docserve.index.loading.TextExtractor;
import dev.docserve.search.SearchRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Indexing throughput of the whole pipeline against the raw embedding model on the same chunks, and
 * in-process hybrid query latency. Not a test: run by hand (see the report in the branch's notes).
 *
 * <p>Arguments: corpus.jsonl (BEIR), number of documents, work folder, model name, queries.jsonl.
 */
public final class IndexThroughputBench {

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        Path work = Path.of(args[2]);
        String model = args.length > 3 ? args[3] : "bge-small-en-v1.5";
        Path project = Files.createDirectories(work.resolve("project"));
        ObjectMapper json = new ObjectMapper();
        List<String> lines = Files.readAllLines(corpus).subList(0, n);
        for (String line : lines) {
            JsonNode doc = json.readTree(line);
            Files.writeString(project.resolve(doc.get("_id").asText() + ".md"),
                    "# " + doc.get("title").asText() + "\n\n" + doc.get("text").asText() + "\n");
        }
        Embedder embedder = new EmbedderFactory(EmbeddingEnvironment.from(Map.of())).create(model).embedder();
        embedder.embedDocuments(List.of("warm up the model"));

        IndexRequest request = IndexRequest.of(project);
        DocumentChunker chunker = new DocumentChunker(ChunkBudget.of(request, embedder.maxInputTokens()), embedder.tokenCounter());
        List<String> texts = new ArrayList<>();
        long c0 = System.nanoTime();
        for (var file : new FileWalker().walk(request).files()) {
            LoadedFile loaded = new TextExtractor().load(file);
            for (Chunk c : chunker.chunk(loaded)) {
                texts.add(c.text());
            }
        }
        long chunkMs = (System.nanoTime() - c0) / 1_000_000;
        long t0 = System.nanoTime();
        for (int i = 0; i < texts.size(); i += 64) {
            embedder.embedDocuments(texts.subList(i, Math.min(texts.size(), i + 64)));
        }
        double rawSeconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("model %s: %d chunks from %d docs; walk+read+chunk alone %d ms%n", model, texts.size(), n, chunkMs);
        System.out.printf("raw model:  %.1f chunks/s (%.1f s)%n", texts.size() / rawSeconds, rawSeconds);

        try (ProjectIndex index = ProjectIndex.open(project, work.resolve("data"), embedder)) {
            IndexReport report = index.index(request, p -> { }, CancellationToken.none());
            System.out.printf("pipeline:   %.1f chunks/s (%d chunks in %d ms, %d ms in the model) = %.0f %% of raw%n",
                    report.chunksIndexed() * 1000.0 / report.durationMs(), report.chunksIndexed(), report.durationMs(),
                    report.embeddingMs(), 100.0 * (report.chunksIndexed() * 1000.0 / report.durationMs()) / (texts.size() / rawSeconds));
            if (args.length > 4) {
                List<String> queries = Files.readAllLines(Path.of(args[4])).stream()
                        .map(l -> { try { return json.readTree(l).get("text").asText(); } catch (Exception e) { throw new RuntimeException(e); } })
                        .limit(300).toList();
                for (String q : queries.subList(0, 20)) {
                    index.query(SearchRequest.of(q));
                }
                double[] ms = new double[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    long q0 = System.nanoTime();
                    index.query(SearchRequest.of(queries.get(i)).withTopK(10));
                    ms[i] = (System.nanoTime() - q0) / 1e6;
                }
                Arrays.sort(ms);
                System.out.printf("hybrid query (embedding included, in-process): median %.2f ms, p99 %.2f ms over %d queries%n",
                        ms[ms.length / 2], ms[(int) (ms.length * 0.99)], ms.length);
            }
        }
    }
}
