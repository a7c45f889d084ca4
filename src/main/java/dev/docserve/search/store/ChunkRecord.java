package dev.docserve.search.store;

/**
 * One chunk as stored in the index.
 *
 * @param chunkId    stable id: a hash of the file's path, the chunk's ordinal and its text
 * @param path       file path relative to the project root ('/'-separated), or absolute if outside it
 * @param source     the file's absolute path
 * @param sourceType doc, code or test
 * @param language   markdown, java, ...
 * @param ordinal    position of the chunk in its file, from 0
 * @param text       the chunk's text
 * @param heading    heading path or title, or null
 * @param symbol     code symbol, or null
 * @param startLine  1-based first line
 * @param endLine    1-based last line
 * @param vector     unit-length embedding
 */
public record ChunkRecord(String chunkId, String path, String source, String sourceType, String language, int ordinal,
                          String text, String heading, String symbol, int startLine, int endLine, float[] vector) {
}
