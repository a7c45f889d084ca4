package dev.docserve.bench;

import java.util.List;

/**
 * {@code doc-serve bench --storage opensearch}: each storage backend on the same corpus, side by side.
 *
 * @param machine  cores, Java, OS and the load average when the run began
 * @param model    the embedding model (the same for every backend)
 * @param backends one result per backend, Lucene first
 */
public record BackendReport(BenchReport.Machine machine, String model, int chunkSize, List<BackendBench.Result> backends) {

    /** Whether every query of every backend was answered 200. */
    public boolean passed() {
        return backends.stream().allMatch(b -> b.latency().stream().allMatch(r -> r.errors() == 0));
    }

    /** The README table: one column per backend. */
    public String markdown() {
        StringBuilder md = new StringBuilder(BenchReport.machineLine(machine, model));
        md.append("\n| measure |");
        backends.forEach(b -> md.append(' ').append(b.backend()).append(" |"));
        md.append("\n|---|");
        backends.forEach(b -> md.append("---:|"));
        md.append('\n');
        BackendBench.Result first = backends.get(0);
        row(md, String.format("indexing through the pipeline (%d files, %d chunks of %d tokens), chunks/s", first.files(),
                first.chunks(), chunkSize), b -> String.format("%.1f", b.indexingChunksPerSecond()));
        for (int m = 0; m < first.latency().size(); m++) {
            int mode = m;
            LatencyBench.Result sample = first.latency().get(mode);
            row(md, String.format("%s query over HTTP, 1 client (%d requests): p50 / p95 / p99 ms", sample.mode(),
                    sample.requests()), b -> {
                        LatencyBench.Result r = b.latency().get(mode);
                        return String.format("%.1f / %.1f / %.1f", r.millis().p50(), r.millis().p95(), r.millis().p99());
                    });
        }
        row(md, "query errors", b -> String.valueOf(b.latency().stream().mapToInt(LatencyBench.Result::errors).sum()));
        return md.toString();
    }

    private void row(StringBuilder md, String label, java.util.function.Function<BackendBench.Result, String> cell) {
        md.append("| ").append(label).append(" |");
        backends.forEach(b -> md.append(' ').append(cell.apply(b)).append(" |"));
        md.append('\n');
    }
}
