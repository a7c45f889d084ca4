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
 * @param size        the file's size in bytes when it was read, or -1 when not recorded (indexes written
 *                    before freshness tracking)
 * @param modifiedAt  the file's modification time when it was read, or null when not recorded; with
 *                    {@code size} it lets a re-index or a staleness check skip reading unchanged files
 */
public record FileRecord(String path, String source, String fingerprint, int chunkCount, String sourceType,
                         String language, Instant indexedAt, long size, Instant modifiedAt) {

    /** A record without the file's size and time (as written before freshness tracking). */
    public FileRecord(String path, String source, String fingerprint, int chunkCount, String sourceType,
                      String language, Instant indexedAt) {
        this(path, source, fingerprint, chunkCount, sourceType, language, indexedAt, -1, null);
    }

    /** Whether a file of this size and modification time is, by its stat, the one this record describes. */
    public boolean matchesStat(long currentSize, Instant currentModifiedAt) {
        return size >= 0 && modifiedAt != null && size == currentSize && modifiedAt.equals(currentModifiedAt);
    }
}
