package dev.docserve.index.loading;

import dev.docserve.corpus.Languages;
import dev.docserve.corpus.Glob;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.corpus.SourceType;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides which folders to enter and which files to index, from the built-in excludes MERGED with a
 * request's include/exclude globs (a request can narrow or extend the excludes, never drop the
 * built-in ones: indexing {@code node_modules} by accident costs minutes and ruins results).
 *
 * <p>Paths given to this class are relative to the indexed folder and '/'-separated.
 */
public final class FileSelector {

    /** Folder names never entered: VCS data, dependencies, build output, virtualenvs, caches, our own state. */
    public static final Set<String> DEFAULT_EXCLUDED_DIRECTORIES = Set.of(
            ".git", ".hg", ".svn", "node_modules", "bower_components", "target", "build", "dist", "out",
            ".venv", "venv", "__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox",
            ".cache", ".gradle", ".idea", ".next", ".nuxt", ".terraform", ".claude");

    /** File globs never indexed: generated or minified artefacts that only add noise. */
    public static final List<String> DEFAULT_EXCLUDED_FILES = List.of(
            "*.min.js", "*.min.css", "*.map", "*.lock", "package-lock.json");

    private final List<Glob> includes;
    private final List<Glob> excludes;
    private final boolean includeCode;
    private final Set<String> codeLanguages;

    public FileSelector(IndexRequest request) {
        this.includes = request.includePatterns().stream().map(Glob::of).toList();
        this.excludes = java.util.stream.Stream.concat(DEFAULT_EXCLUDED_FILES.stream(),
                request.excludePatterns().stream()).map(Glob::of).toList();
        this.includeCode = request.includeCode();
        this.codeLanguages = request.supportedLanguages().stream()
                .map(l -> l.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /**
     * Whether to descend into a folder. A folder is pruned if its name is a built-in exclude or an
     * exclude glob matches everything below it (e.g. {@code docs/private/**}).
     */
    public boolean shouldEnter(String folderPath) {
        if (folderPath.isEmpty()) {
            return true;
        }
        String name = folderPath.substring(folderPath.lastIndexOf('/') + 1);
        if (DEFAULT_EXCLUDED_DIRECTORIES.contains(name)) {
            return false;
        }
        // A NUL-named child can match only globs that cover the whole folder (".../**"), never a file glob.
        String anyChild = folderPath + "/\0";
        return excludes.stream().noneMatch(g -> g.matches(folderPath) || g.matches(anyChild));
    }

    /** The file's type and language, or empty when it is not to be indexed. */
    public Optional<Selection> select(String filePath) {
        if (excludes.stream().anyMatch(g -> g.matches(filePath))) {
            return Optional.empty();
        }
        boolean explicitlyIncluded = includes.stream().anyMatch(g -> g.matches(filePath));
        if (!includes.isEmpty() && !explicitlyIncluded) {
            return Optional.empty();
        }
        Path path = Path.of(filePath);
        Optional<String> docLanguage = Languages.documentLanguage(path);
        if (docLanguage.isPresent()) {
            return Optional.of(new Selection(SourceType.DOC, docLanguage.get()));
        }
        Optional<String> codeLanguage = Languages.codeLanguage(path);
        if (codeLanguage.isPresent()) {
            if (!includeCode && explicitlyIncluded && Languages.isConfiguration(codeLanguage.get())) {
                // Named by a pattern, configuration and interface files are read as documents without
                // include_code, as they were before they counted as code.
                return Optional.of(new Selection(SourceType.DOC, codeLanguage.get()));
            }
            if (!includeCode || (!codeLanguages.isEmpty() && !codeLanguages.contains(codeLanguage.get()))) {
                return Optional.empty();
            }
            return Optional.of(new Selection(SourceType.isTestPath(filePath) ? SourceType.TEST : SourceType.CODE,
                    codeLanguage.get()));
        }
        // An unknown extension is indexed only when the request named it explicitly; binary content is
        // still rejected later by the extractor.
        return explicitlyIncluded ? Optional.of(new Selection(SourceType.DOC, "text")) : Optional.empty();
    }

    /** How a selected file will be indexed. */
    public record Selection(SourceType sourceType, String language) {
    }
}
