package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.bench.BackendReport;
import dev.docserve.bench.Bench;
import dev.docserve.bench.BenchReport;
import dev.docserve.bench.SoakReport;
import dev.docserve.config.DocServeConfig;
import dev.docserve.config.EffectiveConfig;
import dev.docserve.json.Json;
import dev.docserve.search.ChunkStores;
import dev.docserve.search.StorageKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve bench}: the project's own benchmark (not part of the test run). Prints a
 * Markdown table, or the JSON report with {@code --json}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure indexing throughput, query latency over HTTP, start and recovery times and memory; --soak: a load soak.")
public class BenchCommand implements Callable<Integer> {

    @Option(names = "--corpus", paramLabel = "FILE", description = "A BEIR corpus.jsonl to index (default: ../shared/evaldata/scifact/corpus.jsonl).")
    Path corpus = Path.of("../shared/evaldata/scifact/corpus.jsonl");

    @Option(names = "--queries", paramLabel = "FILE", description = "A BEIR queries.jsonl for the load (default: beside the corpus).")
    Path queries;

    @Option(names = "--docs", defaultValue = "300",
            description = "Documents indexed by the raw model and by the pipeline for the throughput ratio (default: ${DEFAULT-VALUE}).")
    int docs;

    @Option(names = "--index-docs", defaultValue = "3000",
            description = "Documents in the index the queries run against, at least --docs (default: ${DEFAULT-VALUE}).")
    int indexDocs;

    @Option(names = "--chunk-size", defaultValue = "256",
            description = "Chunk size in tokens (default: ${DEFAULT-VALUE}; with the default --index-docs about 10,000 SciFact chunks).")
    int chunkSize;

    @Option(names = "--rounds", defaultValue = "5", description = "Repetitions of process timings (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--requests", defaultValue = "320", description = "Queries per mode and concurrency level (default: ${DEFAULT-VALUE}).")
    int requests;

    @Option(names = "--soak", description = "Run only the soak: concurrent queries while the corpus is re-indexed, with memory samples.")
    boolean soak;

    @Option(names = "--duration", paramLabel = "S", defaultValue = "120", description = "Soak length in seconds (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--clients", defaultValue = "32", description = "Concurrent query clients of the soak (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--json", description = "Print the JSON report instead of the table.")
    boolean json;

    @Option(names = "--shared-only", description = "Measure only the shared daemon: its memory with five projects, "
            + "and one project's queries while another indexes.")
    boolean sharedOnly;

    @Option(names = "--footprint-servers", defaultValue = "3", description = "Fresh servers whose memory after an "
            + "index run the footprint measures; the medians are reported with the spread (default: 3).")
    int footprintServers;

    @Option(names = "--idle-minutes", defaultValue = "5", description = "How long the footprint measurement leaves a "
            + "server idle before its last memory sample (default: ${DEFAULT-VALUE}; 0 skips the wait).")
    double idleMinutes;

    @Option(names = "--footprint-only", description = "Measure only what a waiting project server costs: start to ready "
            + "next to java -version, and its memory before the model loads, after indexing --docs documents and after "
            + "--idle-minutes.")
    boolean footprintOnly;

    @Option(names = "--storage", paramLabel = "BACKEND", description = "opensearch: measure indexing throughput and "
            + "1-client query latency of both backends on the same --index-docs documents, side by side, instead of the "
            + "full bench (default: lucene, the full bench).")
    String storage = StorageKind.LUCENE.wireName();

    @Option(names = "--opensearch-url", paramLabel = "URL", description = "The cluster for --storage opensearch "
            + "(default: doc-serve.opensearch.url, i.e. DOC_SERVE_OPENSEARCH_URL or opensearch_url in shared_config.json).")
    String opensearchUrl;

    @Option(names = "--freshness", description = "Measure only how the server follows files: save-to-searchable latency, "
            + "a branch switch, catch-up after edits while stopped, idle CPU of a watched large tree (issue 15).")
    boolean freshness;

    @Option(names = "--parts", defaultValue = "edits,branch,idle", description = "Parts of --freshness to run (default: ${DEFAULT-VALUE}).")
    String parts;

    @Option(names = "--edits", defaultValue = "40", description = "One-file edits timed by --freshness (default: ${DEFAULT-VALUE}).")
    int edits;

    @Option(names = "--tree-files", defaultValue = "50000", description = "Files of the large tree of --freshness (default: ${DEFAULT-VALUE}).")
    int treeFiles;

    @Option(names = "--idle-seconds", defaultValue = "60", description = "Idle CPU window of --freshness (default: ${DEFAULT-VALUE}).")
    long idleSeconds;

    @Override
    public Integer call() throws Exception {
        if (freshness) {
            java.nio.file.Path work = Files.createTempDirectory("doc-serve-freshness-bench");
            System.err.println("freshness bench working in " + work);
            System.out.println(new dev.docserve.bench.FreshnessBench(work, System.err)
                    .run(java.util.Set.of(parts.split(",")), edits, treeFiles, Duration.ofSeconds(idleSeconds)));
            return ExitCodes.OK;
        }
        if (!Files.isRegularFile(corpus)) {
            throw new CliException(ExitCodes.USAGE, "no corpus at " + corpus.toAbsolutePath() + "; pass --corpus FILE (BEIR corpus.jsonl)");
        }
        Path queryFile = queries != null ? queries : corpus.resolveSibling("queries.jsonl");
        List<String> texts = new ArrayList<>();
        for (String line : Files.readAllLines(queryFile)) {
            JsonNode query = Json.mapper().readTree(line);
            texts.add(query.path("text").asText());
        }
        if (idleMinutes < 0) {
            throw new CliException(ExitCodes.USAGE, "--idle-minutes must be 0 or more");
        }
        if (footprintServers < 1) {
            throw new CliException(ExitCodes.USAGE, "--footprint-servers must be 1 or more");
        }
        Bench bench = new Bench(corpus, docs, indexDocs, chunkSize, texts, rounds, requests, System.err)
                .idleFor(Duration.ofSeconds(Math.round(idleMinutes * 60))).footprintServers(footprintServers);
        if (footprintOnly) {
            Bench.FootprintReport report = bench.runFootprint();
            System.out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : report.markdown());
            return ExitCodes.OK;
        }
        if (soak) {
            if (durationSeconds <= 0 || clients <= 0) {
                throw new CliException(ExitCodes.USAGE, "--duration and --clients must be positive");
            }
            SoakReport report = bench.soak(Duration.ofSeconds(durationSeconds), clients);
            System.out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : report.markdown());
            // A soak with errors is a failed run: scripts and CI can tell by the exit code.
            return report.passed() ? ExitCodes.OK : ExitCodes.ERROR;
        }
        if (!storage.equalsIgnoreCase(StorageKind.LUCENE.wireName())) {
            BackendReport report = bench.compareBackends(clusterConfig());
            System.out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : report.markdown());
            return report.passed() ? ExitCodes.OK : ExitCodes.ERROR;
        }
        if (sharedOnly) {
            Bench.SharedReport report = bench.runShared();
            System.out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : report.markdown());
            return ExitCodes.OK;
        }
        BenchReport report = bench.run();
        System.out.println(json ? Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) : report.markdown());
        return ExitCodes.OK;
    }

    /** The settings chain with --storage and --opensearch-url on top; a cluster that cannot be used is a usage error. */
    private DocServeConfig clusterConfig() {
        Map<String, String> flags = new HashMap<>(Map.of("doc-serve.storage", storage));
        if (opensearchUrl != null) {
            flags.put("doc-serve.opensearch.url", opensearchUrl);
        }
        DocServeConfig config = EffectiveConfig.load(flags);
        try (ChunkStores stores = ChunkStores.of(config.storage(), config.opensearch().url(), config.opensearch().username(),
                config.opensearch().password(), config.opensearch().indexPrefix())) {
            if (stores.kind() != StorageKind.OPENSEARCH) {
                throw new CliException(ExitCodes.USAGE, "--storage takes lucene or opensearch, got " + storage);
            }
            stores.problem().ifPresent(problem -> {
                throw new CliException(ExitCodes.ERROR, problem);
            });
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage() + " (or pass --opensearch-url URL)");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return config;
    }
}
