package dev.docserve.eval;

import java.util.Locale;

/**
 * The report as a Markdown table, one row per mode, readable in a terminal and pasteable into a
 * README. Metrics with four decimals (fractions, as trec_eval prints them), latency in ms.
 */
public final class ReportTable {

    public String render(EvaluationReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%s (%s): %,d documents, %d judged queries, depth %d, indexing %.1f s%n%n",
                report.collection(), report.split(), report.documents(), report.judgedQueries(),
                report.depth(), report.indexingMillis() / 1000.0));
        out.append("| mode | nDCG@10 | Recall@100 | MRR@10 | p50 ms | p95 ms | p99 ms |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (ModeResult mode : report.modes()) {
            LatencySummary latency = mode.latency();
            out.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.1f | %.1f | %.1f |%n",
                    mode.mode(), mode.ndcgAt10(), mode.recallAt100(), mode.mrrAt10(),
                    latency.p50Millis(), latency.p95Millis(), latency.p99Millis()));
        }
        return out.toString();
    }
}
