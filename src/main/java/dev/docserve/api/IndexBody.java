package dev.docserve.api;

import java.util.List;

/**
 * The body of {@code POST /index} and {@code POST /index/add}. Every field but {@code folder_path}
 * is optional; a relative folder is taken relative to the project root. {@code force} re-embeds this
 * folder's files only; {@code rebuild} drops everything indexed (every folder) before indexing this one.
 */
public record IndexBody(
        String folderPath,
        Integer chunkSize,
        Integer chunkOverlap,
        Boolean recursive,
        Boolean includeCode,
        List<String> supportedLanguages,
        List<String> includePatterns,
        List<String> excludePatterns,
        Boolean force,
        String projectId,
        Boolean rebuild) {
}
