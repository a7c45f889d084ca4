package dev.docserve.bench;

import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexReport;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.search.ChunkStores;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One storage backend measured the way a user meets it: indexing throughput of the whole pipeline
 * (walk, chunk, embed, write, commit) into that backend, in this JVM; then query latency over HTTP at
 * one client against a project-mode server of this build on that backend, after a warm-up. Run once
 * per backend on the same folder, so the figures sit side by side.
 */
final class BackendBench {

    record Result(String backend, String store, int files, int chunks, double indexingChunksPerSecond,
                  long indexingMillis, List<LatencyBench.Result> latency) {
    }

    private BackendBench() {
    }

    /**
     * @param serverEnv what makes the server use this backend ({@code DOC_SERVE_STORAGE} and the cluster settings)
     * @param firstQuery where in {@code queries} this run starts; pass the same to every backend so they answer the same queries
     */
    static Result run(ChunkStores stores, Map<String, String> serverEnv, Path project, Path folder, Embedder embedder,
                      int chunkSize, List<String> queries, int warmUp, int requests, int firstQuery, PrintStream log)
            throws IOException, InterruptedException {
        Path dataDir = StateDir.of(project).resolve("data");
        IndexRequest request = IndexRequest.of(folder).withChunking(chunkSize, IndexRequest.DEFAULT_CHUNK_OVERLAP).withForce(true);
        IndexReport report;
        String store;
        try (ProjectIndex index = ProjectIndex.over(project, stores.open(ProjectId.of(project.toRealPath()), dataDir), embedder,
                Clock.systemUTC())) {
            store = stores.describe();
            log.printf("bench: indexing %s into %s%n", folder.getFileName(), store);
            report = index.index(request, progress -> { }, CancellationToken.none());
        }
        ProcessBench processes = new ProcessBench(project, serverEnv);
        ProcessBench.Server server = processes.startServer();
        List<LatencyBench.Result> latency = new ArrayList<>();
        try {
            // Each mode gets queries of its own (the server caches query embeddings), the same for every backend.
            int next = firstQuery;
            for (String mode : List.of("vector", "bm25", "hybrid")) {
                log.printf("bench: %s, %s queries at 1 client%n", stores.kind().wireName(), mode);
                LatencyBench.run(server.state().baseUrl(), mode, 1, warmUp, queries, next); // not reported
                latency.add(LatencyBench.run(server.state().baseUrl(), mode, 1, requests, queries, next + warmUp));
                next += warmUp + requests;
            }
        } finally {
            processes.stop(server);
        }
        return new Result(stores.kind().wireName(), store, report.filesSelected(), report.chunksIndexed(),
                report.chunksIndexed() * 1000.0 / Math.max(1, report.durationMs()), report.durationMs(), latency);
    }

    /** Deletes what the run wrote into the cluster: the project's index and the bookkeeping indexes of its prefix. */
    static void dropIndexes(ChunkStores stores, String projectId, PrintStream log) {
        stores.openSearch().ifPresent(connection -> {
            var settings = connection.settings();
            List<String> names = List.of(settings.indexOf(projectId), settings.leaseIndex(), settings.projectsIndex(),
                    settings.jobsIndex());
            try {
                connection.client().indices().delete(d -> d.index(names).ignoreUnavailable(true));
            } catch (IOException | RuntimeException e) {
                log.printf("bench: could not delete the indexes %s: %s%n", names, e.getMessage());
            }
        });
    }
}
