package dev.docserve.search.store;

/**
 * A chunk as read back for a result: the stored fields of a {@link ChunkRecord}, without its vector.
 *
 * @param chunkId    the chunk's stable id, also the key under which fusion combines both retrievers
 * @param path       relative path ('/'-separated), or absolute outside the project
 * @param source     the file's absolute path
 * @param sourceType doc, code or test
 * @param language   markdown, java, ...
 * @param ordinal    position in the file, from 0
 * @param text       the chunk's text
 * @param heading    heading path or title, or null
 * @param symbol     code symbol, or null
 * @param startLine  1-based first line
 * @param endLine    1-based last line
 */
public record StoredChunk(String chunkId, String path, String source, String sourceType, String language, int ordinal,
                          String text, String heading, String symbol, int startLine, int endLine) {
}
