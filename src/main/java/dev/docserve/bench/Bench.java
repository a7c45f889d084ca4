package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.config.DocServeConfig;
import dev.docserve.config.EffectiveConfig;
import dev.docserve.index.CancellationToken;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.IndexStatus;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.EmbedderFactory;
import dev.docserve.index.embedding.EmbeddingEnvironment;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.json.Json;
import dev.docserve.search.ChunkStores;
import dev.docserve.search.StorageKind;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs every measurement of {@code doc-serve bench} in a temporary project and shared home. */
public final class Bench {

    private static final int[] CLIENTS = {1, 8, 32};
    /** Queries per mode before anything is timed: the server (and this client) must have JIT-compiled the query path, as a long-running server has. */
    private static final int WARM_UP = 300;

    private final Path corpus;
    private final int docs;
    private final int indexDocs;
    private final int chunkSize;
    private final List<String> queries;
    private final int rounds;
    private final int requests;
    private final PrintStream log;
    private Duration idle = Duration.ofMinutes(5);
    private int footprintServers = 3;
    private List<String> corpusLines;

    /**
     * @param docs      documents indexed twice, by the raw model and by the pipeline, for the throughput ratio
     * @param indexDocs documents in the index the queries run against (at least {@code docs}): the
     *                  latency figures are only meaningful on an index of realistic size
     * @param chunkSize chunk size in tokens for both
     */
    public Bench(Path corpus, int docs, int indexDocs, int chunkSize, List<String> queries, int rounds, int requests,
                 PrintStream log) {
        this.corpus = corpus;
        this.docs = docs;
        this.indexDocs = Math.max(docs, indexDocs);
        this.chunkSize = chunkSize;
        this.queries = List.copyOf(queries);
        this.rounds = rounds;
        this.requests = requests;
        this.log = log;
    }

    /** How many fresh servers the footprint measures (default 3; the medians are reported). */
    public Bench footprintServers(int servers) {
        this.footprintServers = servers;
        return this;
    }

    /** How long the footprint measurement leaves a server idle before its last sample (default 5 minutes; zero skips it). */
    public Bench idleFor(Duration wait) {
        this.idle = wait;
        return this;
    }

    public BenchReport run() throws IOException, InterruptedException {
        BenchReport.Machine machine = machine();
        Workspace workspace = Workspace.create("doc-serve-bench");
        Path project = workspace.project();
        Path home = workspace.home();
        Path folder = writeCorpus(Files.createDirectories(project.resolve("corpus")), 0, docs);

        Embedder embedder = new EmbedderFactory(EmbeddingEnvironment.fromSystem())
                .create(EffectiveConfig.load(Map.of("doc-serve.project-root", project.toString())).embeddingModel()).embedder();
        log.printf("bench: indexing %d documents with %s (raw model, then the pipeline)%n", docs, embedder.modelName());
        Path dataDir = StateDir.of(project).resolve("data");
        ThroughputBench.Result throughput = ThroughputBench.run(project, folder, dataDir, embedder, chunkSize);
        IndexStatus index = growIndex(project, dataDir, embedder);
        log.printf("bench: queries run against %d files, %d chunks%n", index.totalDocuments(), index.totalChunks());

        ProcessBench processes = new ProcessBench(project, home);
        log.println("bench: serve start-to-ready, and java -version around it");
        double[] javaBefore = processes.javaVersion(rounds);
        Percentiles startToReady = Percentiles.ofMillis(processes.startToReady(rounds));
        Percentiles javaVersion = Percentiles.ofMillis(concat(javaBefore, processes.javaVersion(rounds)));
        ProcessBench.Server server = processes.startServer();
        List<LatencyBench.Result> latency = new ArrayList<>();
        Double rss;
        try {
            int nextQuery = 0;
            for (String mode : List.of("vector", "bm25", "hybrid")) {
                LatencyBench.run(server.state().baseUrl(), mode, 1, WARM_UP, queries, nextQuery); // not reported
                nextQuery += WARM_UP;
                for (int clients : CLIENTS) {
                    log.printf("bench: %s queries, %d clients%n", mode, clients);
                    int perClient = Math.max(1, requests / clients);
                    latency.add(LatencyBench.run(server.state().baseUrl(), mode, clients, perClient, queries, nextQuery));
                    nextQuery += perClient * clients;
                }
            }
            Thread.sleep(2000);
            rss = ProcessBench.rssMib(server.process().pid()).orElse(null);
            log.println("bench: status wall time");
        } finally {
            processes.stop(server);
        }
        ProcessBench.Server again = processes.startServer();
        Percentiles status;
        try {
            status = Percentiles.ofMillis(processes.statusWallTime(rounds * 2));
        } finally {
            processes.stop(again);
        }
        log.println("bench: recovery after kill -9");
        Percentiles recovery = Percentiles.ofMillis(processes.recoveryAfterKill(rounds));
        FootprintBench.Result footprint = FootprintBench.run(processes, "corpus", footprintServers, idle, log);
        SharedDaemonBench.Result shared = shared(workspace.dir());
        return new BenchReport(machine, embedder.modelName(), throughput,
                new BenchReport.QueryIndex(index.totalDocuments(), index.totalChunks(), chunkSize),
                startToReady, javaVersion, recovery, status, rss, footprint, latency, shared);
    }

    /**
     * Only what a waiting project server costs and how fast it starts: {@code serve} start-to-ready next
     * to {@code java -version}, and the footprint of a server indexing {@code docs} documents (a quick
     * run of what {@link #run()} reports among the rest).
     */
    public FootprintReport runFootprint() throws IOException, InterruptedException {
        BenchReport.Machine machine = machine();
        Workspace workspace = Workspace.create("doc-serve-bench");
        writeCorpus(Files.createDirectories(workspace.project().resolve("corpus")), 0, docs);
        ProcessBench processes = new ProcessBench(workspace.project(), workspace.home());
        log.println("bench: serve start-to-ready, and java -version around it");
        double[] javaBefore = processes.javaVersion(rounds);
        Percentiles startToReady = Percentiles.ofMillis(processes.startToReady(rounds));
        Percentiles javaVersion = Percentiles.ofMillis(concat(javaBefore, processes.javaVersion(rounds)));
        FootprintBench.Result footprint = FootprintBench.run(processes, "corpus", footprintServers, idle, log);
        return new FootprintReport(machine, startToReady, javaVersion, footprint, loadAverage());
    }

    /** What {@link #runFootprint()} measured; {@code loadAtEnd} because the idle wait spans minutes. */
    public record FootprintReport(BenchReport.Machine machine, Percentiles startToReadyMs, Percentiles javaVersionMs,
                                  FootprintBench.Result footprint, String loadAtEnd) {

        public String markdown() {
            return BenchReport.machineLine(machine, null) + "\n| measure | value |\n|---|---:|\n"
                    + BenchReport.startRows(startToReadyMs, javaVersionMs) + BenchReport.footprintRows(footprint)
                    + String.format("%nLoad average at the end: %s%n", loadAtEnd);
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    /**
     * Both storage backends on the same {@code indexDocs} documents: indexing throughput through the
     * pipeline, then HTTP query latency per mode at one client, Lucene first, then the cluster that
     * {@code config} names (in indexes of a fresh prefix, deleted afterwards).
     */
    public BackendReport compareBackends(DocServeConfig config) throws IOException, InterruptedException {
        BenchReport.Machine machine = machine();
        Workspace workspace = Workspace.create("doc-serve-bench");
        Path project = workspace.project();
        Path home = workspace.home();
        Path folder = writeCorpus(Files.createDirectories(project.resolve("corpus")), 0, indexDocs);
        Embedder embedder = new EmbedderFactory(EmbeddingEnvironment.fromSystem()).create(config.embeddingModel()).embedder();
        embedder.embedDocuments(List.of("warm up: load the model before anything is timed"));
        String prefix = "bench-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        DocServeConfig.OpenSearch cluster = config.opensearch();
        List<BackendBench.Result> results = new ArrayList<>();
        Map<String, String> env = new java.util.HashMap<>(Map.of("DOC_SERVE_HOME", home.toString(), "DOC_SERVE_STORAGE",
                StorageKind.LUCENE.wireName()));
        try (ChunkStores lucene = ChunkStores.lucene()) {
            results.add(BackendBench.run(lucene, env, project, folder, embedder, chunkSize, queries, WARM_UP, requests, 0, log));
        }
        try (ChunkStores opensearch = ChunkStores.of(StorageKind.OPENSEARCH.wireName(), cluster.url(), cluster.username(),
                cluster.password(), prefix)) {
            opensearch.problem().ifPresent(problem -> {
                throw new IllegalStateException(problem);
            });
            env.put("DOC_SERVE_STORAGE", StorageKind.OPENSEARCH.wireName());
            env.put("DOC_SERVE_OPENSEARCH_URL", cluster.url().orElseThrow());
            env.put("DOC_SERVE_OPENSEARCH_INDEX_PREFIX", prefix);
            cluster.username().ifPresent(user -> env.put("DOC_SERVE_OPENSEARCH_USERNAME", user));
            cluster.password().ifPresent(password -> env.put("DOC_SERVE_OPENSEARCH_PASSWORD", password));
            try {
                results.add(BackendBench.run(opensearch, env, project, folder, embedder, chunkSize, queries, WARM_UP,
                        requests, 0, log));
            } finally {
                BackendBench.dropIndexes(opensearch, ProjectId.of(project.toRealPath()), log);
            }
        }
        return new BackendReport(machine, embedder.modelName(), chunkSize, results);
    }

    /**
     * The soak: a server indexing the corpus again and again while {@code clients} query it for
     * {@code duration}; see {@link SoakBench}.
     */
    public SoakReport soak(Duration duration, int clients) throws IOException, InterruptedException {
        BenchReport.Machine machine = machine();
        Workspace workspace = Workspace.create("doc-serve-soak");
        Path project = workspace.project();
        Path home = workspace.home();
        writeCorpus(Files.createDirectories(project.resolve("corpus")), 0, docs);
        ProcessBench processes = new ProcessBench(project, home);
        ProcessBench.Server server = processes.startServer();
        try {
            log.printf("bench: soak, %d clients for %s while %d documents are re-indexed%n", clients, duration, docs);
            SoakBench.Result result = SoakBench.run(server.state().baseUrl(), server.process().pid(), "corpus", duration,
                    clients, queries, log);
            return new SoakReport(machine, docs, result);
        } finally {
            processes.stop(server);
        }
    }

    /** Only the shared daemon's figures: its memory with five projects, and one project's queries while another indexes. */
    public SharedReport runShared() throws IOException, InterruptedException {
        BenchReport.Machine machine = machine();
        return new SharedReport(machine, shared(Files.createTempDirectory("doc-serve-bench")));
    }

    /** What {@link #runShared()} measured, with the machine it ran on. */
    public record SharedReport(BenchReport.Machine machine, SharedDaemonBench.Result shared) {

        public String markdown() {
            return BenchReport.machineLine(machine, null) + "\n| measure | value |\n|---|---:|\n"
                    + BenchReport.sharedRows(shared);
        }
    }

    private SharedDaemonBench.Result shared(Path work) throws IOException, InterruptedException {
        // Small indexes for the five projects, and a folder for the other project that takes a good
        // half minute to index on a loaded 2-core machine (twice: alone, then under queries).
        int perProject = Math.max(10, Math.min(docs, 40));
        return new SharedDaemonBench(work, this::writeCorpus, queries, perProject, Math.max(20, Math.min(docs, 120)),
                requests, log).run();
    }

    /** A temporary folder with a project (a git root, so its root is this folder) and a shared home. */
    private record Workspace(Path dir, Path project, Path home) {

        static Workspace create(String prefix) throws IOException {
            Path dir = Files.createTempDirectory(prefix);
            Path project = Files.createDirectories(dir.resolve("project"));
            Files.createDirectories(project.resolve(".git"));
            return new Workspace(dir, project, Files.createDirectories(dir.resolve("home")));
        }
    }

    /** The corpus file, read once: the shared-daemon part writes six folders from it. */
    private List<String> corpusLines() throws IOException {
        if (corpusLines == null) {
            corpusLines = Files.readAllLines(corpus);
        }
        return corpusLines;
    }

    private static BenchReport.Machine machine() {
        return new BenchReport.Machine(Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), loadAverage());
    }

    /** Adds the documents beyond the throughput run's to the index, in a folder of their own. */
    private IndexStatus growIndex(Path project, Path dataDir, Embedder embedder) throws IOException {
        try (ProjectIndex index = ProjectIndex.open(project, dataDir, embedder)) {
            if (indexDocs > docs) {
                log.printf("bench: indexing %d more documents for the query index%n", indexDocs - docs);
                Path more = writeCorpus(Files.createDirectories(project.resolve("corpus-more")), docs, indexDocs - docs);
                index.index(IndexRequest.of(more).withChunking(chunkSize, IndexRequest.DEFAULT_CHUNK_OVERLAP),
                        progress -> { }, CancellationToken.none());
            }
            return index.status();
        }
    }

    /** Writes documents {@code skip .. skip+count} of the corpus as Markdown files, one per document. */
    private Path writeCorpus(Path folder, int skip, int count) throws IOException {
        List<String> lines = corpusLines();
        for (String line : lines.subList(Math.min(skip, lines.size()), Math.min(skip + count, lines.size()))) {
            JsonNode doc = Json.mapper().readTree(line);
            String id = doc.path("_id").asText().replaceAll("[^A-Za-z0-9_-]", "_");
            Files.writeString(folder.resolve(id + ".md"), "# " + doc.path("title").asText() + "\n\n" + doc.path("text").asText() + "\n");
        }
        return folder;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }
}
