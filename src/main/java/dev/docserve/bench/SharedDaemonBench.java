package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.discovery.ServerLauncher;
import dev.docserve.instance.HealthProbe;
import dev.docserve.instance.RuntimeFile;
import dev.docserve.instance.RuntimeState;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared daemon under the load it is made for, with a real daemon process of this build: its
 * memory holding {@value #PROJECTS} registered, indexed projects, and how much slower one project's
 * queries get while another project indexes, against the same kind of queries with the daemon idle,
 * in the same run (the ratio says more than milliseconds on a machine others share).
 *
 * <p>The idle and busy runs send different queries from the same collection, alternating, so that
 * neither is served from the daemon's query-embedding cache.
 */
final class SharedDaemonBench {

    static final int PROJECTS = 5;
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    private static final String MODE = "hybrid";
    private static final int WARM_UP = 10;

    /**
     * @param projects              projects registered and indexed
     * @param docsPerProject        documents in each project's index
     * @param rssMib                resident memory of the daemon holding them, idle, model loaded
     * @param mode                  query mode of the latency runs (one client, back to back)
     * @param idle                  latency of one project's queries, daemon otherwise idle
     * @param whileIndexing         the same number of other queries while another project indexes
     * @param errors                non-200 answers in both runs (must be 0)
     * @param p50Ratio              whileIndexing p50 / idle p50
     * @param p99Ratio              whileIndexing p99 / idle p99
     * @param indexedThroughout     whether the other project's job was still running when the last query returned
     * @param indexingChunksPerSecond chunks the other project embedded per second during the busy run
     * @param indexingAloneChunksPerSecond the same job's speed right after, with no queries, for {@value #ALONE_SECONDS} s
     */
    record Result(int projects, int docsPerProject, Double rssMib, String mode, Percentiles idle,
                  Percentiles whileIndexing, int errors, double p50Ratio, double p99Ratio, boolean indexedThroughout,
                  double indexingChunksPerSecond, double indexingAloneChunksPerSecond) {
    }

    static final int ALONE_SECONDS = 10;

    /** Writes documents {@code skip .. skip+count} of the collection into a folder. */
    interface Corpus {
        Path write(Path folder, int skip, int count) throws IOException;
    }

    private final Path work;
    private final Corpus corpus;
    private final List<String> queries;
    private final int docsPerProject;
    private final int bulkDocs;
    private final int requests;
    private final PrintStream log;

    SharedDaemonBench(Path work, Corpus corpus, List<String> queries, int docsPerProject, int bulkDocs, int requests,
                      PrintStream log) {
        this.work = work;
        this.corpus = corpus;
        this.queries = queries;
        this.docsPerProject = docsPerProject;
        this.bulkDocs = bulkDocs;
        this.requests = requests;
        this.log = log;
    }

    Result run() throws IOException, InterruptedException {
        Path home = Files.createDirectories(work.resolve("shared-home"));
        Process daemon = launch(home);
        try {
            RuntimeState state = awaitPublished(daemon, home);
            BenchHttp http = new BenchHttp(state.baseUrl());
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < PROJECTS; i++) {
                Path root = Files.createDirectories(work.resolve("shared-project-" + i));
                Files.createDirectories(root.resolve(".git"));
                Path docs = corpus.write(Files.createDirectories(root.resolve("docs")), i * docsPerProject, docsPerProject);
                String id = http.post("/projects", Map.of("project_root", root.toString())).path("project_id").asText();
                ids.add(id);
                log.printf("bench: shared daemon, indexing project %d of %d%n", i + 1, PROJECTS);
                awaitJob(http, id, http.post("/index", Map.of("project_id", id, "folder_path", docs.toString()))
                        .path("job_id").asText());
            }
            Thread.sleep(2000);
            Double rss = ProcessBench.rssMib(daemon.pid()).orElse(null);

            String queried = ids.get(0);
            String indexing = ids.get(1);
            Path bulk = corpus.write(Files.createDirectories(work.resolve("shared-project-1").resolve("bulk")),
                    PROJECTS * docsPerProject, bulkDocs);
            Map<String, Object> project = Map.of("project_id", queried);
            LatencyBench.run(state.baseUrl(), project, MODE, 1, WARM_UP, queries, 0);
            log.println("bench: shared daemon, one project's queries, daemon idle");
            LatencyBench.Result idle = LatencyBench.run(state.baseUrl(), project, MODE, 1, requests, everyOther(0), 0);

            String job = http.post("/index", Map.of("project_id", indexing, "folder_path", bulk.toString(), "force", true))
                    .path("job_id").asText();
            JsonNode started = awaitEmbedding(http, indexing, job);
            long t0 = System.nanoTime();
            log.println("bench: shared daemon, the same project's queries while another project indexes");
            LatencyBench.Result busy = LatencyBench.run(state.baseUrl(), project, MODE, 1, requests, everyOther(1), 0);
            JsonNode after = http.get("/index/jobs/" + job + "?project_id=" + indexing);
            long t1 = System.nanoTime();
            boolean throughout = "running".equals(after.path("status").asText());
            double rate = (chunksDone(after) - chunksDone(started)) / ((t1 - t0) / 1e9);
            log.println("bench: shared daemon, the other project indexing alone");
            Thread.sleep(ALONE_SECONDS * 1000L);
            JsonNode alone = http.get("/index/jobs/" + job + "?project_id=" + indexing);
            double aloneRate = "running".equals(alone.path("status").asText())
                    ? (chunksDone(alone) - chunksDone(after)) / ((System.nanoTime() - t1) / 1e9) : Double.NaN;
            http.delete("/index/jobs/" + job + "?project_id=" + indexing);
            return new Result(PROJECTS, docsPerProject, rss, MODE, idle.millis(), busy.millis(),
                    idle.errors() + busy.errors(), busy.millis().p50() / idle.millis().p50(),
                    busy.millis().p99() / idle.millis().p99(), throughout, rate, aloneRate);
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    private static int chunksDone(JsonNode job) {
        return job.path("progress").path("chunks_done").asInt();
    }

    /** Queries 0, 2, 4, … or 1, 3, 5, …: two runs of the same kind that share no text. */
    private List<String> everyOther(int start) {
        List<String> half = new ArrayList<>();
        for (int i = start; i < queries.size(); i += 2) {
            half.add(queries.get((i + 2 * WARM_UP) % queries.size()));
        }
        return half;
    }

    private Process launch(Path home) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ServerLauncher.jarCommand(
                List.of("serve", "--mode", "shared", "--port", String.valueOf(freePort()))))
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(work.resolve("shared-daemon.log").toFile());
        builder.environment().put("DOC_SERVE_HOME", home.toString());
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private RuntimeState awaitPublished(Process daemon, Path home) throws InterruptedException {
        HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!daemon.isAlive()) {
                throw new IllegalStateException("the shared daemon exited with " + daemon.exitValue()
                        + "; see " + work.resolve("shared-daemon.log"));
            }
            Optional<RuntimeState> state = RuntimeFile.readLeniently(home.resolve("runtime.json"))
                    .filter(s -> s.pid() != null && s.pid() == daemon.pid());
            if (state.isPresent() && probe.answersAs(state.get().baseUrl(), state.get().instanceId())) {
                return state.get();
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("the shared daemon did not become ready within 60 s");
    }

    private void awaitJob(BenchHttp http, String projectId, String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = http.get("/index/jobs/" + jobId + "?project_id=" + projectId);
            String status = job.path("status").asText();
            if (status.equals("done")) {
                return;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("index job " + jobId + " " + status + ": " + job.path("error").asText());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("index job " + jobId + " did not finish within " + TIMEOUT);
    }

    /** Waits until the job has embedded its first chunks, so the busy run measures embedding, not the walk. */
    private JsonNode awaitEmbedding(BenchHttp http, String projectId, String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = http.get("/index/jobs/" + jobId + "?project_id=" + projectId);
            if (job.path("progress").path("chunks_done").asInt() > 0) {
                return job;
            }
            if (!job.path("status").asText().matches("pending|running")) {
                throw new IllegalStateException("index job " + jobId + " ended before the busy run: " + job);
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("index job " + jobId + " embedded nothing within " + TIMEOUT);
    }
}
