package dev.docserve.search.store;

import java.time.Instant;

/**
 * What the index remembers about one file, committed together with the file's chunks so that the two
 * can never disagree after a crash.
 *
 * @param path        key: relative to the project root, or absolute if outside it
 * @param source      absolute real path
 * @param fingerprint content hash plus the chunking/model settings it was indexed with; a re-index
 *                    skips the file only if this is unchanged
 * @param chunkCount  number of chunks
 * @param sourceType  doc, code or test
 * @param language    the file's language
 * @param indexedAt   when it was indexed
 */
public record FileRecord(String path, String source, String fingerprint, int chunkCount, String sourceType,
                         String language, Instant indexedAt) {
}
