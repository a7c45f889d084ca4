package dev.docserve.index.jobs;

import dev.docserve.index.IndexReport;
import java.time.Instant;

/**
 * One index job, as listed by {@code GET /index/jobs} and stored in {@code <data_dir>/jobs/<job_id>.json}.
 *
 * @param jobId      "job_" + 12 hex digits
 * @param operation  "index" or "add" (which endpoint created it)
 * @param status     see {@link JobStatus}
 * @param request    what to index
 * @param createdAt  when it was submitted
 * @param startedAt  when it started running, or null
 * @param finishedAt when it reached a final status, or null
 * @param progress   files and chunks done/total
 * @param report     what the run did, when done
 * @param error      why it failed or was cancelled, or null
 * @param queuePosition for a pending job, 1 + the number of jobs known to start before it (1 = next);
 *                   null otherwise. Computed when the job is read, never stored.
 */
public record JobRecord(String jobId, String operation, JobStatus status, JobRequest request, Instant createdAt,
                        Instant startedAt, Instant finishedAt, JobProgress progress, IndexReport report, String error,
                        Integer queuePosition) {

    static JobRecord pending(String jobId, String operation, JobRequest request, Instant at) {
        return new JobRecord(jobId, operation, JobStatus.PENDING, request, at, null, null, JobProgress.NONE, null, null, null);
    }

    JobRecord withQueuePosition(Integer value) {
        return new JobRecord(jobId, operation, status, request, createdAt, startedAt, finishedAt, progress, report, error, value);
    }

    JobRecord running(Instant at) {
        return new JobRecord(jobId, operation, JobStatus.RUNNING, request, createdAt, at, null, progress, null, null, null);
    }

    JobRecord withProgress(JobProgress value) {
        return new JobRecord(jobId, operation, status, request, createdAt, startedAt, finishedAt, value, report, error, null);
    }

    JobRecord done(Instant at, IndexReport value) {
        JobProgress p = new JobProgress("done", value.filesSelected(), value.filesSelected(), value.chunksIndexed(),
                value.chunksIndexed(), 100);
        return new JobRecord(jobId, operation, JobStatus.DONE, request, createdAt, startedAt, at, p, value, null, null);
    }

    JobRecord finished(JobStatus finalStatus, Instant at, String message) {
        return new JobRecord(jobId, operation, finalStatus, request, createdAt, startedAt, at, progress, report, message, null);
    }
}
