package dev.docserve.bench;

import java.util.List;

/**
 * What {@code doc-serve bench} measured, with the machine it ran on.
 *
 * @param machine        cores, memory, Java, OS and the load average when the run began
 * @param model          the embedding model
 * @param throughput     pipeline vs raw model on the same chunks
 * @param queryIndex     the index the latency was measured on
 * @param startToReadyMs {@code serve} launch to a {@code /health} answering as the new instance
 * @param javaVersionMs  {@code java -version} in the same run, the yardstick for the start
 * @param recoveryMs     the same after a {@code kill -9} of the previous server
 * @param statusMs       wall time of {@code doc-serve status} against a running server
 * @param idleRssMib     resident memory of an idle server holding the index, model loaded, after the query runs
 * @param footprint      RSS and PSS of a fresh server: before the model loads, after an index run, after idling
 * @param latency        HTTP query latency per mode and number of concurrent clients
 * @param shared         the shared daemon: memory with five projects, query slowdown while another project indexes
 */
public record BenchReport(Machine machine, String model, ThroughputBench.Result throughput, QueryIndex queryIndex,
                          Percentiles startToReadyMs, Percentiles javaVersionMs,
                          Percentiles recoveryMs, Percentiles statusMs, Double idleRssMib, FootprintBench.Result footprint,
                          List<LatencyBench.Result> latency, SharedDaemonBench.Result shared) {

    public record QueryIndex(int files, int chunks, int chunkSize) {
    }

    public record Machine(int cores, long maxHeapMib, String java, String os, String loadAverage) {
    }

    /** The README table. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(machineLine(machine, model));
        md.append("\n| measure | value |\n|---|---:|\n");
        md.append(String.format("| indexing: raw model | %.1f chunks/s |%n", throughput.rawChunksPerSecond()));
        md.append(String.format("| indexing: full pipeline (%d files, %d chunks) | %.1f chunks/s |%n", throughput.files(),
                throughput.chunks(), throughput.pipelineChunksPerSecond()));
        md.append(String.format("| pipeline / raw | %.0f %% |%n", 100 * throughput.ratio()));
        md.append(startRows(startToReadyMs, javaVersionMs));
        md.append(String.format("| recovery after kill -9, median (max) | %.0f ms (%.0f) |%n", recoveryMs.p50(), recoveryMs.max()));
        md.append(String.format("| `status` wall time, median | %.0f ms |%n", statusMs.p50()));
        md.append(String.format("| idle RSS of a project server (model loaded, after the query runs) | %s |%n",
                idleRssMib == null ? "n/a" : String.format("%.0f MiB", idleRssMib)));
        md.append(footprintRows(footprint));
        md.append(sharedRows(shared));
        md.append(String.format("%nQueries over HTTP against an index of %d files, %d chunks (chunk size %d tokens):%n",
                queryIndex.files(), queryIndex.chunks(), queryIndex.chunkSize()));
        md.append("\n| mode | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s | server p50 / p99 ms |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencyBench.Result r : latency) {
            md.append(String.format("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.0f | %.1f / %.1f |%n", r.mode(), r.clients(),
                    r.requests(), r.errors(), r.millis().p50(), r.millis().p95(), r.millis().p99(), r.throughputPerSecond(),
                    r.serverMillis().p50(), r.serverMillis().p99()));
        }
        return md.toString();
    }

    static String machineLine(Machine machine, String model) {
        return String.format("Machine: %d cores, Java %s, %s, load average at start %s%s%n", machine.cores(), machine.java(),
                machine.os(), machine.loadAverage(), model == null ? "" : "; model " + model);
    }

    static String startRows(Percentiles startToReadyMs, Percentiles javaVersionMs) {
        return String.format("| `serve` start to ready, median (max) | %.0f ms (%.0f) |%n", startToReadyMs.p50(), startToReadyMs.max())
                + String.format("| `java -version`, median | %.0f ms |%n", javaVersionMs.p50())
                + String.format("| start to ready / `java -version` | %.1f× |%n", startToReadyMs.p50() / javaVersionMs.p50());
    }

    static String footprintRows(FootprintBench.Result footprint) {
        return memoryRow("a fresh project server, ready, before the model loads", footprint.beforeModel())
                + memoryRow("the same after indexing the corpus (" + footprint.chunks() + " chunks; model loaded)"
                        + spread(footprint), footprint.afterIndex())
                + (footprint.afterIdle() == null ? ""
                : memoryRow(String.format("the same after %.0f more minutes idle", footprint.idleMinutes()), footprint.afterIdle()));
    }

    /** ", median of 3 servers (RSS 219–242 MiB)" when more than one server was measured. */
    private static String spread(FootprintBench.Result footprint) {
        List<Double> rss = footprint.afterIndexRss().stream().filter(java.util.Objects::nonNull).sorted().toList();
        if (footprint.servers() < 2 || rss.isEmpty()) {
            return "";
        }
        return String.format(", median of %d servers (RSS %.0f–%.0f MiB)", footprint.servers(), rss.get(0), rss.get(rss.size() - 1));
    }

    private static String memoryRow(String what, FootprintBench.Memory memory) {
        return String.format("| %s: RSS / PSS | %s / %s |%n", what, mib(memory.rssMib()), mib(memory.pssMib()));
    }

    private static String mib(Double value) {
        return value == null ? "n/a" : String.format("%.0f MiB", value);
    }

    static String sharedRows(SharedDaemonBench.Result shared) {
        StringBuilder md = new StringBuilder();
        md.append(String.format("| RSS of the shared daemon holding %d indexed projects (%d documents each) | %s |%n",
                shared.projects(), shared.docsPerProject(),
                shared.rssMib() == null ? "n/a" : String.format("%.0f MiB", shared.rssMib())));
        md.append(String.format("| one project's %s queries, daemon idle: p50 / p99 | %.1f / %.1f ms |%n", shared.mode(),
                shared.idle().p50(), shared.idle().p99()));
        md.append(String.format("| the same while another project indexes: p50 / p99 (%d queries) | %.1f / %.1f ms |%n",
                shared.whileIndexing().samples(), shared.whileIndexing().p50(), shared.whileIndexing().p99()));
        md.append(String.format("| slowdown while another project indexes: p50 / p99 | %.2f× / %.2f× |%n",
                shared.p50Ratio(), shared.p99Ratio()));
        md.append(String.format("| that project's indexing (%d documents) alone / under those queries | %.1f / %.1f chunks/s |%n",
                shared.indexedDocs(), shared.indexingAloneChunksPerSecond(), shared.indexingQueriedChunksPerSecond()));
        md.append(String.format("| errors | %d |%n", shared.errors()));
        return md.toString();
    }
}
