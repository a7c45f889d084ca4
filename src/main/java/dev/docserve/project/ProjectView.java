package dev.docserve.project;

import java.time.Instant;
import java.util.List;

/**
 * One registered project as {@code GET /projects} and {@code GET /projects/{id}/status} report it.
 *
 * @param rootExists     false when the registered folder is gone: the project is reported, never served
 * @param indexingState  idle, queued (jobs wait for an indexing slot), indexing, or unavailable (root gone)
 * @param pointerFile    the {@code runtime.json} pointer the daemon keeps in the project
 */
public record ProjectView(
        String projectId,
        String projectRoot,
        boolean rootExists,
        Instant registeredAt,
        String indexingState,
        String currentJobId,
        Integer progressPercent,
        int pendingJobs,
        int totalDocuments,
        int totalChunks,
        Instant lastIndexedAt,
        List<String> indexedFolders,
        String dataDir,
        String pointerFile) {
}
