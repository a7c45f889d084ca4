package dev.docserve.api;

import dev.docserve.index.IndexStatus;
import dev.docserve.retrieval.FileHits;
import dev.docserve.retrieval.Hit;
import dev.docserve.retrieval.SearchAnswer;
import java.util.Locale;

/**
 * Fills the search page's placeholders on the server, for a browser without JavaScript (and for tests
 * that have no browser): the index status line, the query typed, and the results as the page's script
 * would draw them. Every piece of file text is escaped: indexed files are data, never markup.
 */
final class SearchPage {

    private SearchPage() {
    }

    static String render(String template, String root, IndexStatus status, String query, SearchAnswer answer) {
        String page = template.replace("<!--status-->", escape(statusLine(root, status)));
        if (query != null) {
            page = page.replace("id=\"query\" ", "id=\"query\" value=\"" + escape(query) + "\" ");
        }
        if (answer != null) {
            page = page.replace("<!--results-->", results(answer));
        }
        return page;
    }

    private static String statusLine(String root, IndexStatus status) {
        return root + ": " + status.totalDocuments() + " documents, " + status.totalChunks() + " chunks; model "
                + (status.embeddingModel() == null ? "none yet" : status.embeddingModel()) + "; last indexed "
                + (status.lastIndexedAt() == null ? "never" : status.lastIndexedAt());
    }

    private static String results(SearchAnswer answer) {
        StringBuilder html = new StringBuilder();
        if (answer.files().isEmpty()) {
            html.append("<p>No results. Is the folder indexed?</p>");
        }
        for (FileHits file : answer.files()) {
            html.append("<div class=\"file\">").append(escape(file.path())).append("</div>\n");
            for (Hit hit : file.hits()) {
                String label = hit.symbol() != null ? hit.symbol() : hit.heading();
                html.append("<div class=\"hit\"><div class=\"where\">").append(escape(file.path())).append(':')
                        .append(hit.startLine()).append('-').append(hit.endLine())
                        .append(label == null ? "" : "  " + escape(label))
                        .append("<span class=\"score\">  score ").append(String.format(Locale.ROOT, "%.3f", hit.score()))
                        .append("</span></div><pre>").append(escape(hit.snippet())).append("</pre></div>\n");
            }
        }
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
