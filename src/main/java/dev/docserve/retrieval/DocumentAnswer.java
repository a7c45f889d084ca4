package dev.docserve.retrieval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A window of lines of one indexed document.
 *
 * @param path         relative to the project root
 * @param chunkId      the chunk asked for, or null when asked by path
 * @param fromLine     first line returned, 1-based
 * @param toLine       last line returned (fromLine - 1 when none)
 * @param totalLines   lines in the document's text now
 * @param content      the lines, joined with newlines; the last one may be cut to fit the budget
 * @param trimmed      whether the budget or {@code lines} stopped before the end of the document
 * @param nextFromLine where to continue reading, or null at the end of the document
 * @param stale        whether the file changed (or vanished) since it was indexed
 * @param staleReason  what changed, or null
 * @param indexedAt    when the file was indexed
 * @param sourceType   doc, code or test
 * @param language     markdown, java, ...
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DocumentAnswer(String path, String chunkId, int fromLine, int toLine, int totalLines, String content,
                             boolean trimmed, Integer nextFromLine, boolean stale, String staleReason, Instant indexedAt,
                             String sourceType, String language) {

    /** The header line of the text form, e.g. {@code docs/a.md L1-40 of 120}. */
    public String header() {
        StringBuilder line = new StringBuilder("== ").append(path).append(" L").append(fromLine).append('-').append(toLine)
                .append(" of ").append(totalLines);
        if (nextFromLine != null) {
            line.append(" (more from line ").append(nextFromLine).append(')');
        }
        return line.append('\n').toString();
    }

    /** The staleness warning line of the text form, empty when the file is as indexed. */
    public String warning() {
        return stale ? "WARNING: " + staleReason + "\n" : "";
    }

    /** Header, warning and content: what an agent reads. */
    public String text() {
        return header() + warning() + content + (content.isEmpty() || content.endsWith("\n") ? "" : "\n");
    }
}
