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
 */
public record CandidateFile(Path path, String folderPath, SourceType sourceType, String language, long sizeBytes) {
}
