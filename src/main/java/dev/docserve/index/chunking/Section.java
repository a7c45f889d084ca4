package dev.docserve.index.chunking;

/**
 * A run of lines under one heading.
 *
 * @param heading   heading path, or null
 * @param text      the lines, joined with '\n', including the heading line itself
 * @param startLine 1-based line of the first line of {@code text}
 * @param depth     depth in the heading tree of the section's first heading (1 for a top-level one, 0 before any)
 */
record Section(String heading, String text, int startLine, int depth) {

    Section(String heading, String text, int startLine) {
        this(heading, text, startLine, heading == null ? 0 : 1);
    }
}
