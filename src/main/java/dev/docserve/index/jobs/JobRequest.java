package dev.docserve.index.jobs;

import dev.docserve.corpus.IndexRequest;
import java.util.List;

/**
 * The index request of a job, as persisted (paths as plain strings). {@code rebuild} is boxed: records
 * written before it existed have none, and read as {@code false}.
 */
public record JobRequest(String folderPath, int chunkSize, int chunkOverlap, boolean recursive, boolean includeCode,
                         List<String> supportedLanguages, List<String> includePatterns, List<String> excludePatterns,
                         boolean force, Boolean rebuild) {

    public static JobRequest of(IndexRequest r) {
        return new JobRequest(r.folder().toString(), r.chunkSize(), r.chunkOverlap(), r.recursive(), r.includeCode(),
                r.supportedLanguages(), r.includePatterns(), r.excludePatterns(), r.force(), r.rebuild());
    }
}
