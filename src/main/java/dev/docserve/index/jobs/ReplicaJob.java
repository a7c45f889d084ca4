package dev.docserve.index.jobs;

import java.time.Instant;

/**
 * A job record written by another replica: its owner keeps it alive (rewrites {@code expiresAt}) while
 * the job is pending or running, as the write lease is kept alive by commits.
 *
 * @param owner     the replica that runs it (pid@host and a per-connection suffix)
 * @param expiresAt past this instant an unfinished record belongs to a replica that died or lost the cluster
 */
public record ReplicaJob(JobRecord job, String owner, Instant expiresAt) {

    /** The record as a reader should report it at {@code now}: an abandoned unfinished job reads as interrupted. */
    public JobRecord asSeenAt(Instant now) {
        if (job.status().isFinished() || now.isBefore(expiresAt)) {
            return job;
        }
        return job.finished(JobStatus.FAILED, expiresAt, "interrupted: the replica that ran it (" + owner
                + ") stopped before it finished; index the folder again to resume (finished files are kept)");
    }
}
