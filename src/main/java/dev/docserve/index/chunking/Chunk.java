package dev.docserve.index.chunking;

/**
 * One piece of a file, small enough for the embedding model to read whole.
 *
 * @param text      the chunk's text, as embedded and returned to clients
 * @param heading   Markdown/AsciiDoc heading path ("Install > Linux"), or a document title; null if none
 * @param symbol    for code: the declaration the chunk starts in ("Parser.parse"); null otherwise
 * @param startLine first line of the chunk in the file's (extracted) text, 1-based
 * @param endLine   last line, inclusive
 */
public record Chunk(String text, String heading, String symbol, int startLine, int endLine) {
}
