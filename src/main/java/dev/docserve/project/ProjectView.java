package dev.docserve.project;

import dev.docserve.index.IndexStatus;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.index.jobs.JobStatus;
import dev.docserve.project.catalog.ProjectRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;

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

    /** A registration whose services are not open (root gone, or not opened yet). */
    static ProjectView closed(ProjectRecord record, boolean rootExists, String dataDir, String pointerFile) {
        return new ProjectView(record.projectId(), record.projectRoot(), rootExists, record.registeredAt(),
                rootExists ? "idle" : "unavailable", null, null, 0, 0, 0, null, List.of(), dataDir, pointerFile);
    }

    /** An open project: its index counts and the state of its jobs. */
    static ProjectView open(ProjectRecord record, boolean rootExists, ProjectServices services, String pointerFile) {
        IndexStatus index;
        try {
            index = services.index().status();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the index of " + record.projectId() + ": " + e.getMessage(), e);
        }
        List<JobRecord> jobs = services.jobs().list();
        Optional<JobRecord> running = jobs.stream().filter(job -> job.status() == JobStatus.RUNNING).findFirst();
        int pending = (int) jobs.stream().filter(job -> job.status() == JobStatus.PENDING).count();
        String state = !rootExists ? "unavailable" : running.isPresent() ? "indexing" : pending > 0 ? "queued" : "idle";
        return new ProjectView(record.projectId(), record.projectRoot(), rootExists, record.registeredAt(), state,
                running.map(JobRecord::jobId).orElse(null), running.map(job -> job.progress().percent()).orElse(null),
                pending, index.totalDocuments(), index.totalChunks(), index.lastIndexedAt(), index.indexedFolders(),
                services.dataDir().toString(), pointerFile);
    }
}
