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
 * @param recoveryMs     the same after a {@code kill -9} of the previous server
 * @param statusMs       wall time of {@code doc-serve status} against a running server
 * @param idleRssMib     resident memory of an idle server holding the index, model loaded
 * @param latency        HTTP query latency per mode and number of concurrent clients
 */
public record BenchReport(Machine machine, String model, ThroughputBench.Result throughput, QueryIndex queryIndex,
                          Percentiles startToReadyMs,
                          Percentiles recoveryMs, Percentiles statusMs, Double idleRssMib,
                          List<LatencyBench.Result> latency) {

    public record QueryIndex(int files, int chunks, int chunkSize) {
    }

    public record Machine(int cores, long maxHeapMib, String java, String os, String loadAverage) {
    }

    /** The README table. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append(String.format("Machine: %d cores, Java %s, %s, load average at start %s; model %s%n%n",
                machine.cores(), machine.java(), machine.os(), machine.loadAverage(), model));
        md.append("| measure | value |\n|---|---:|\n");
        md.append(String.format("| indexing: raw model | %.1f chunks/s |%n", throughput.rawChunksPerSecond()));
        md.append(String.format("| indexing: full pipeline (%d files, %d chunks) | %.1f chunks/s |%n", throughput.files(),
                throughput.chunks(), throughput.pipelineChunksPerSecond()));
        md.append(String.format("| pipeline / raw | %.0f %% |%n", 100 * throughput.ratio()));
        md.append(String.format("| `serve` start to ready, median (max) | %.0f ms (%.0f) |%n", startToReadyMs.p50(), startToReadyMs.max()));
        md.append(String.format("| recovery after kill -9, median (max) | %.0f ms (%.0f) |%n", recoveryMs.p50(), recoveryMs.max()));
        md.append(String.format("| `status` wall time, median | %.0f ms |%n", statusMs.p50()));
        md.append(String.format("| idle RSS of a project server (model loaded) | %s |%n",
                idleRssMib == null ? "n/a" : String.format("%.0f MiB", idleRssMib)));
        md.append(String.format("%nQueries over HTTP against an index of %d files, %d chunks (chunk size %d tokens):%n",
                queryIndex.files(), queryIndex.chunks(), queryIndex.chunkSize()));
        md.append("\n| mode | clients | requests | errors | p50 ms | p95 ms | p99 ms | req/s |\n|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (LatencyBench.Result r : latency) {
            md.append(String.format("| %s | %d | %d | %d | %.1f | %.1f | %.1f | %.0f |%n", r.mode(), r.clients(), r.requests(),
                    r.errors(), r.millis().p50(), r.millis().p95(), r.millis().p99(), r.throughputPerSecond()));
        }
        return md.toString();
    }
}
