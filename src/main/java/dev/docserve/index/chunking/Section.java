package dev.docserve.index.chunking;

/**
 * A run of lines under one heading.
 *
 * @param heading   heading path, or null
 * @param text      the lines, joined with '\n', including the heading line itself
 * @param startLine 1-based line of the first line of {@code text}
 */
record Section(String heading, String text, int startLine) {
}
