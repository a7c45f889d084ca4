package dev.docserve.bench;

/**
 * What {@code doc-serve bench --soak} measured.
 *
 * @param machine cores, memory, Java, OS and the load average when the run began
 * @param docs    documents in the corpus that was re-indexed throughout
 * @param soak    errors, latency, index jobs and memory samples
 */
public record SoakReport(BenchReport.Machine machine, int docs, SoakBench.Result soak) {

    /** The README table. */
    public String markdown() {
        SoakBench.Result r = soak;
        StringBuilder md = new StringBuilder();
        md.append(String.format("Machine: %d cores, Java %s, %s, load average at start %s%n%n",
                machine.cores(), machine.java(), machine.os(), machine.loadAverage()));
        md.append("| measure | value |\n|---|---:|\n");
        md.append(String.format("| duration, concurrent query clients | %.0f s, %d |%n", r.seconds(), r.clients()));
        md.append(String.format("| queries (hybrid, bm25, vector in turn), errors | %d, %d |%n", r.requests(), r.errors()));
        md.append(String.format("| latency p50 / p95 / p99 / max | %.1f / %.1f / %.1f / %.1f ms |%n",
                r.millis().p50(), r.millis().p95(), r.millis().p99(), r.millis().max()));
        md.append(String.format("| throughput | %.0f queries/s |%n", r.throughputPerSecond()));
        md.append(String.format("| forced re-index jobs of %d documents during the soak: done, failed | %d, %d |%n",
                docs, r.indexJobsDone(), r.indexJobsFailed()));
        md.append(String.format("| server RSS, mean of first vs last quarter of %d samples | %.0f → %.0f MiB (%+.1f %%) |%n",
                r.rss().size(), r.rssFirstQuartileMib(), r.rssLastQuartileMib(), r.rssChangePercent()));
        md.append(String.format("| server RSS after warm-up, third vs last quarter | %.0f → %.0f MiB (%+.1f %%) |%n",
                r.rssThirdQuartileMib(), r.rssLastQuartileMib(), r.rssAfterWarmUpChangePercent()));
        return md.toString();
    }

    /** Zero query errors and zero failed index jobs: what the soak must show. */
    public boolean passed() {
        return soak.errors() == 0 && soak.indexJobsFailed() == 0;
    }
}
