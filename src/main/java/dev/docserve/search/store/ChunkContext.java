package dev.docserve.search.store;

/**
 * The context a chunk is read in, written as a short header in front of the text that BM25 scores and
 * the model embeds (the text returned to clients stays the original span):
 * <pre>
 * docs/server_configuration.rst
 * Server configuration &gt; Threading
 * NrtsearchConfig.getThreadPoolConfiguration
 *
 * &lt;chunk text&gt;
 * </pre>
 * One line each for the path relative to the project root, the heading path (or the document's
 * title), and the enclosing symbol of code; a line is left out when it has no value. A chunk deep in
 * a file then still says what it belongs to: "Threading" alone is ambiguous, a path and a heading
 * path are not.
 */
public record ChunkContext(String path, String heading, String symbol) {

    public static ChunkContext of(String path, String heading, String symbol) {
        return new ChunkContext(path, heading, symbol);
    }

    /**
     * The context the embedding model reads: the file's name instead of its whole path, and no name at
     * all when it has no letters ({@code 4983.txt}, {@code 2024-01-05.md}): an id or a date tells the
     * model nothing and moves every chunk of such files toward each other. Measured on repoqa-nrtsearch
     * (vector nDCG@10): whole path 0.479, no header 0.503, file name 0.513; a long path's folders are noise
     * to the model, BM25 reads them from {@link #of}. On SciFact (files named by numeric id) the name cost
     * 0.7093 → 0.7082.
     */
    public static ChunkContext forEmbedding(String path, String heading, String symbol) {
        String name = path == null ? null : path.substring(path.lastIndexOf('/') + 1);
        return new ChunkContext(name != null && hasLetters(stem(name)) ? name : null, heading, symbol);
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static boolean hasLetters(String text) {
        return text.codePoints().anyMatch(Character::isLetter);
    }

    /** The header, each present part on its own line, followed by a blank line. */
    public String header() {
        StringBuilder header = new StringBuilder();
        for (String part : new String[] {path, heading, symbol}) {
            if (part != null && !part.isBlank()) {
                header.append(part.strip()).append('\n');
            }
        }
        return header.isEmpty() ? "" : header.append('\n').toString();
    }

    /** {@code text} with the header in front. */
    public String prefix(String text) {
        return header() + text;
    }
}
