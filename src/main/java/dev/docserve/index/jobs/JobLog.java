package dev.docserve.index.jobs;

import java.time.Duration;
import java.util.List;

/**
 * Where a project's job records live: files in its data dir ({@link JobStore}, one process per data
 * dir), or documents in the cluster that several replicas share, so that a job started on one replica
 * can be followed from another.
 */
public interface JobLog {

    /**
     * Writes a record of this process's job.
     *
     * @throws java.io.UncheckedIOException if it cannot be written; the caller must not pretend it was
     */
    void save(JobRecord job);

    /** The records this process takes over at start (and marks interrupted if unfinished), oldest first. */
    List<JobRecord> loadAll();

    /** Deletes the oldest finished records beyond what the log keeps. */
    void prune(List<JobRecord> oldestFirst);

    /** Records written by other processes sharing this log, newest first; none when nobody can share it. */
    default List<ReplicaJob> others() {
        return List.of();
    }

    /** How often a running job's progress is written; status changes are written at once. */
    default Duration progressEvery() {
        return Duration.ofSeconds(2);
    }

    /** Stops keeping this process's unfinished records alive; they expire unless finished. */
    default void close() {
    }
}
