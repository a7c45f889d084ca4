package dev.docserve.retrieval;

import java.util.List;
import java.util.Locale;

/**
 * The compact text form of a search page, what an agent reads:
 *
 * <pre>
 * 5 hits in 3 files (hybrid, ranks 1-5); next page: offset 5
 * ## docs/install.md
 * - L12-40 · Install &gt; Linux · score 0.912 · id 3f2a…
 * (snippet)
 * </pre>
 *
 * Its length is the budget's measure; every line but the snippets has a length independent of them.
 */
final class AnswerText {

    private AnswerText() {
    }

    static String render(String mode, int offset, int count, Integer nextOffset, List<FileHits> files) {
        StringBuilder text = new StringBuilder();
        text.append(count).append(count == 1 ? " hit in " : " hits in ").append(files.size())
                .append(files.size() == 1 ? " file" : " files").append(" (").append(mode);
        if (count > 0) {
            text.append(", ranks ").append(offset + 1).append('-').append(offset + count);
        }
        text.append(')');
        if (nextOffset != null) {
            text.append("; next page: offset ").append(nextOffset);
        }
        text.append('\n');
        for (FileHits file : files) {
            text.append("## ").append(file.path()).append('\n');
            for (Hit hit : file.hits()) {
                text.append("- L").append(hit.startLine()).append('-').append(hit.endLine());
                String where = hit.symbol() != null ? hit.symbol() : hit.heading();
                if (where != null && !where.isBlank()) {
                    text.append(" · ").append(Budgets.trim(where.strip().replace('\n', ' '), 80));
                }
                text.append(" · score ").append(String.format(Locale.ROOT, "%.3f", hit.score()))
                        .append(" · id ").append(hit.chunkId()).append('\n');
                text.append(hit.snippet()).append('\n');
            }
        }
        return text.toString();
    }
}
