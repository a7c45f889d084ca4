package dev.docserve.eval;

import java.util.Locale;
import java.util.Map;

/**
 * A {@link RepoReport} as Markdown: one row per mode and query group (all, then each kind, then
 * lexical true/false), four-decimal fractions, latency in ms.
 */
public final class RepoReportTable {

    public String render(RepoReport report) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%s (%s): %,d files, %,d chunks, %d judged queries, indexing %.1f s%n",
                report.collection(), report.split(), report.files(), report.chunks(), report.judgedQueries(),
                report.indexingMillis() / 1000.0));
        out.append("settings: ").append(report.settings()).append('\n');
        out.append("chunks by type: ").append(report.chunksByType()).append("\n\n");
        out.append("| mode | queries | nDCG@10 | Recall@5 | Recall@10 | MRR@10 | p50 ms |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|\n");
        for (FileModeResult mode : report.modes()) {
            row(out, mode.mode(), "all", mode.all(), mode.latency().p50Millis());
            for (Map.Entry<String, FileScores> kind : mode.byKind().entrySet()) {
                row(out, mode.mode(), "kind=" + kind.getKey(), kind.getValue(), Double.NaN);
            }
            for (Map.Entry<String, FileScores> lexical : mode.byLexical().entrySet()) {
                row(out, mode.mode(), "lexical=" + lexical.getKey(), lexical.getValue(), Double.NaN);
            }
        }
        return out.toString();
    }

    private static void row(StringBuilder out, String mode, String group, FileScores s, double p50) {
        out.append(String.format(Locale.ROOT, "| %s | %s (%d) | %.4f | %.4f | %.4f | %.4f | %s |%n", mode, group,
                s.queries(), s.ndcgAt10(), s.recallAt5(), s.recallAt10(), s.mrrAt10(),
                Double.isNaN(p50) ? "" : String.format(Locale.ROOT, "%.1f", p50)));
    }
}
