package dev.docserve.search;

import dev.docserve.search.store.FileRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * How fresh the indexed copy of one file is: when it was indexed, and whether the file on disk changed
 * since. Costs one {@code stat} of the file, never a read, so every search result and every {@code get}
 * can carry it.
 *
 * <p>A file is stale when it is gone, or when its size or modification time differ from those recorded
 * when it was read. Records written before those were kept fall back to "modified after it was
 * indexed". A change that keeps both size and modification time (possible only by setting the time
 * back on purpose) is not seen; the next index run, which hashes the content, would not see it either
 * unless the stat differs.
 *
 * @param indexedAt when the file's chunks were written
 * @param stale     whether the file on disk no longer matches what was indexed
 */
public record FileFreshness(Instant indexedAt, boolean stale) {

    /** The freshness of {@code record}'s file as it is on disk now. */
    public static FileFreshness of(FileRecord record) {
        return new FileFreshness(record.indexedAt(), changedSince(record));
    }

    /** Whether the file {@code record} describes changed on disk (or vanished) since it was read. */
    public static boolean changedSince(FileRecord record) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(Path.of(record.source()), BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return true;
        } catch (IOException | RuntimeException e) {
            return true; // unreadable now: what was indexed can no longer be vouched for
        }
        Instant modified = attrs.lastModifiedTime().toInstant();
        if (record.size() >= 0 && record.modifiedAt() != null) {
            return !record.matchesStat(attrs.size(), modified);
        }
        return modified.isAfter(record.indexedAt());
    }
}
