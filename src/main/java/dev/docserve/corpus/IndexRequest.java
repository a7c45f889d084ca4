package dev.docserve.corpus;

import dev.docserve.corpus.Languages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What to index: one folder and the options of {@code POST /index} (contract §4).
 *
 * @param folder             the folder to walk; must exist and be a directory when indexing starts
 * @param chunkSize          requested chunk size in tokens (128–2048); the model's input limit may lower it
 * @param chunkOverlap       tokens shared by consecutive chunks of one section (0–200)
 * @param recursive          whether to descend into sub-folders
 * @param includeCode        whether source files are indexed besides documents
 * @param supportedLanguages if not empty, only code in these languages is indexed (documents are unaffected)
 * @param includePatterns    if not empty, only files matching one of these globs (relative to {@code folder})
 * @param excludePatterns    globs excluded in addition to the built-in excludes, never instead of them
 * @param force              re-chunk and re-embed every file of this folder even when unchanged; other folders'
 *                           chunks stay as they are
 * @param rebuild            drop everything indexed (every folder) first, then index this folder; the way to
 *                           switch embedding models
 */
public record IndexRequest(
        Path folder,
        int chunkSize,
        int chunkOverlap,
        boolean recursive,
        boolean includeCode,
        List<String> supportedLanguages,
        List<String> includePatterns,
        List<String> excludePatterns,
        boolean force,
        boolean rebuild) {

    public static final int MIN_CHUNK_SIZE = 128;
    public static final int MAX_CHUNK_SIZE = 2048;
    public static final int MAX_CHUNK_OVERLAP = 200;
    public static final int DEFAULT_CHUNK_SIZE = 512;
    public static final int DEFAULT_CHUNK_OVERLAP = 50;

    public IndexRequest {
        if (folder == null) {
            throw new InvalidRequestException("folder_path is required");
        }
        if (chunkSize < MIN_CHUNK_SIZE || chunkSize > MAX_CHUNK_SIZE) {
            throw new InvalidRequestException("chunk_size must be between " + MIN_CHUNK_SIZE + " and "
                    + MAX_CHUNK_SIZE + " tokens, got " + chunkSize);
        }
        if (chunkOverlap < 0 || chunkOverlap > MAX_CHUNK_OVERLAP) {
            throw new InvalidRequestException("chunk_overlap must be between 0 and " + MAX_CHUNK_OVERLAP
                    + " tokens, got " + chunkOverlap);
        }
        supportedLanguages = RequestLists.strings("supported_languages", supportedLanguages);
        for (String language : supportedLanguages) {
            if (language == null || !Languages.codeLanguages().contains(language.trim().toLowerCase(Locale.ROOT))) {
                throw new InvalidRequestException("unsupported language '" + language + "' in supported_languages: use "
                        + String.join(", ", Languages.codeLanguages()));
            }
        }
        includePatterns = RequestLists.strings("include_patterns", includePatterns);
        excludePatterns = RequestLists.strings("exclude_patterns", excludePatterns);
        // A malformed glob is the client's to fix now, not a job failure later.
        includePatterns.forEach(Glob::of);
        excludePatterns.forEach(Glob::of);
    }

    /** A request for {@code folder} with the contract's defaults (512/50 tokens, recursive, documents only). */
    public static IndexRequest of(Path folder) {
        return new IndexRequest(folder, DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_OVERLAP, true, false,
                List.of(), List.of(), List.of(), false, false);
    }

    public IndexRequest withChunking(int size, int overlap) {
        return new IndexRequest(folder, size, overlap, recursive, includeCode, supportedLanguages,
                includePatterns, excludePatterns, force, rebuild);
    }

    public IndexRequest withIncludeCode(boolean include) {
        return new IndexRequest(folder, chunkSize, chunkOverlap, recursive, include, supportedLanguages,
                includePatterns, excludePatterns, force, rebuild);
    }

    public IndexRequest withRecursive(boolean value) {
        return new IndexRequest(folder, chunkSize, chunkOverlap, value, includeCode, supportedLanguages,
                includePatterns, excludePatterns, force, rebuild);
    }

    public IndexRequest withPatterns(List<String> includes, List<String> excludes) {
        return new IndexRequest(folder, chunkSize, chunkOverlap, recursive, includeCode, supportedLanguages,
                includes, excludes, force, rebuild);
    }

    public IndexRequest withSupportedLanguages(List<String> languages) {
        return new IndexRequest(folder, chunkSize, chunkOverlap, recursive, includeCode, languages,
                includePatterns, excludePatterns, force, rebuild);
    }

    public IndexRequest withForce(boolean value) {
        return new IndexRequest(folder, chunkSize, chunkOverlap, recursive, includeCode, supportedLanguages,
                includePatterns, excludePatterns, value, rebuild);
    }

    public IndexRequest withRebuild(boolean value) {
        return new IndexRequest(folder, chunkSize, chunkOverlap, recursive, includeCode, supportedLanguages,
                includePatterns, excludePatterns, force, value);
    }
}
