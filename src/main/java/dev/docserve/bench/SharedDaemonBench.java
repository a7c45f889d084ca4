package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.lifecycle.client.ServerLauncher;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/**
 * The shared daemon under the load it is made for, with a real daemon process of this build: its
 * memory holding {@value #PROJECTS} registered, indexed projects, and how much slower one project's
 * queries get while another project indexes, against the same kind of queries with the daemon idle,
 * in the same run (the ratio says more than milliseconds on a machine others share). The other
 * project's index job runs twice, alone and under those queries, which says what query priority
 * costs indexing.
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
     * @param projects               projects registered and indexed
     * @param docsPerProject         documents in each project's index
     * @param indexedDocs            documents of the other project's index job
     * @param rssMib                 resident memory of the daemon holding the projects, idle, model loaded
     * @param mode                   query mode of the latency runs (one client, back to back)
     * @param idle                   latency of one project's queries, daemon otherwise idle (half before
     *                               the busy run, half after)
     * @param whileIndexing          other queries of the same kind, back to back from the start to the end
     *                               of the other project's index job
     * @param errors                 non-200 answers in both runs (must be 0)
     * @param p50Ratio               whileIndexing p50 / idle p50
     * @param p99Ratio               whileIndexing p99 / idle p99
     * @param indexingAloneChunksPerSecond   the index job's speed with no queries (from its report)
     * @param indexingQueriedChunksPerSecond the same job's speed while the first project queries
     */
    record Result(int projects, int docsPerProject, int indexedDocs, Double rssMib, String mode, Percentiles idle,
                  Percentiles whileIndexing, int errors, double p50Ratio, double p99Ratio,
                  double indexingAloneChunksPerSecond, double indexingQueriedChunksPerSecond) {
    }

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

            String indexing = ids.get(1);
            Path bulk = corpus.write(Files.createDirectories(work.resolve("shared-project-1").resolve("bulk")),
                    PROJECTS * docsPerProject, bulkDocs);
            Map<String, Object> project = Map.of("project_id", ids.get(0));
            List<String> idleTexts = everyOther(0);
            query(state.baseUrl(), project, queries, WARM_UP, () -> false);
            // Half the idle queries before the busy run and half after: load from elsewhere on the
            // machine drifts over minutes, and would otherwise pass for the cost of indexing.
            log.println("bench: shared daemon, one project's queries, daemon idle");
            Samples idleBefore = query(state.baseUrl(), project, idleTexts, requests / 2, () -> false);

            log.println("bench: shared daemon, another project indexing alone");
            Map<String, Object> index = Map.of("project_id", indexing, "folder_path", bulk.toString(), "force", true);
            JsonNode alone = awaitJob(http, indexing, http.post("/index", index).path("job_id").asText());
            log.println("bench: shared daemon, the same indexing while the first project queries");
            String job = http.post("/index", index).path("job_id").asText();
            CompletableFuture<JsonNode> finished = CompletableFuture.supplyAsync(() -> follow(http, indexing, job));
            // Back to back from this thread; the job is followed from another, so only queries come from here.
            Samples busy = query(state.baseUrl(), project, everyOther(1), Integer.MAX_VALUE, finished::isDone);
            JsonNode queried = finished.join();

            log.println("bench: shared daemon, the first project's queries, daemon idle again");
            Samples idleAfter = query(state.baseUrl(), project, idleTexts.subList(requests / 2, idleTexts.size()),
                    requests - requests / 2, () -> false);
            Percentiles idle = Percentiles.ofMillis(idleBefore.plus(idleAfter).millis());
            Percentiles whileIndexing = Percentiles.ofMillis(busy.millis());
            return new Result(PROJECTS, docsPerProject, bulkDocs, rss, MODE, idle, whileIndexing,
                    idleBefore.errors() + idleAfter.errors() + busy.errors(), whileIndexing.p50() / idle.p50(),
                    whileIndexing.p99() / idle.p99(), chunksPerSecond(alone), chunksPerSecond(queried));
        } finally {
            daemon.destroy();
            daemon.waitFor();
        }
    }

    /** Latencies of one client's queries in milliseconds, and how many failed. */
    private record Samples(double[] millis, int errors) {
        Samples plus(Samples other) {
            double[] all = java.util.Arrays.copyOf(millis, millis.length + other.millis.length);
            System.arraycopy(other.millis, 0, all, millis.length, other.millis.length);
            return new Samples(all, errors + other.errors);
        }
    }

    /** Up to {@code count} queries, one after another, cycling through {@code texts}, until {@code stop} says so. */
    private static Samples query(String baseUrl, Map<String, Object> project, List<String> texts, int count,
                                 BooleanSupplier stop) {
        List<Double> millis = new ArrayList<>();
        int errors = 0;
        while (millis.size() < count && !stop.getAsBoolean()) {
            Map<String, Object> body = new HashMap<>(project);
            body.putAll(Map.of("query", texts.get(millis.size() % texts.size()), "mode", MODE, "top_k", 10));
            long began = System.nanoTime();
            if (!LatencyBench.send(baseUrl, body)) {
                errors++;
            }
            millis.add((System.nanoTime() - began) / 1e6);
        }
        return new Samples(millis.stream().mapToDouble(Double::doubleValue).toArray(), errors);
    }

    private JsonNode follow(BenchHttp http, String projectId, String jobId) {
        try {
            return awaitJob(http, projectId, jobId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static double chunksPerSecond(JsonNode job) {
        JsonNode report = job.path("report");
        return report.path("chunks_indexed").asInt() * 1000.0 / Math.max(1, report.path("duration_ms").asLong());
    }

    /** Queries 0, 2, 4, … or 1, 3, 5, … (after the warm-up's): two runs of the same kind that share no text. */
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
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
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

    private JsonNode awaitJob(BenchHttp http, String projectId, String jobId) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode job = http.get("/index/jobs/" + jobId + "?project_id=" + projectId);
            String status = job.path("status").asText();
            if (status.equals("done")) {
                return job;
            }
            if (status.equals("failed") || status.equals("cancelled")) {
                throw new IllegalStateException("index job " + jobId + " " + status + ": " + job.path("error").asText());
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("index job " + jobId + " did not finish within " + TIMEOUT);
    }
}
