package dev.docserve.index.loading;

import dev.docserve.corpus.SourceType;
import java.nio.file.Path;

/**
 * A file the walker selected for indexing.
 *
 * @param path         the file's real (symlink-free) absolute path
 * @param folderPath   the path relative to the indexed folder, '/'-separated
 * @param sourceType   doc, code or test
 * @param language     markdown, text, java, python, ... ("text" for an included file of unknown type)
 * @param sizeBytes    size when walked
 * @param modifiedAt   modification time when walked (before the file is read, so a write in between
 *                     makes the recorded time older than the content and the file reads as changed), or null
 */
public record CandidateFile(Path path, String folderPath, SourceType sourceType, String language, long sizeBytes,
                            java.time.Instant modifiedAt) {

    public CandidateFile(Path path, String folderPath, SourceType sourceType, String language, long sizeBytes) {
        this(path, folderPath, sourceType, language, sizeBytes, null);
    }
}
