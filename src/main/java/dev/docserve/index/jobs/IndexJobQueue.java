package dev.docserve.index.jobs;

import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexReport;
import dev.docserve.index.IndexRequest;
import dev.docserve.index.IndexingCancelledException;
import dev.docserve.index.ProjectIndex;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Runs one project's index jobs one at a time, in submission order, on a thread of its own, and keeps
 * their records on disk.
 *
 * <p>On construction, records left {@code pending} or {@code running} by a previous process (a crash or
 * restart) are marked {@code failed} with a message saying so; re-indexing resumes such work cheaply,
 * since files committed before the interruption are skipped as unchanged.
 *
 * <p>{@code slots} bounds concurrent runs across projects (shared mode's
 * {@code max_concurrent_indexing}); pass {@code new Semaphore(1)} for a lone project.
 */
public final class IndexJobQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndexJobQueue.class);
    /** Progress is written to disk at most this often; status changes are written at once. */
    private static final Duration PERSIST_PROGRESS_EVERY = Duration.ofSeconds(2);
    private static final SecureRandom IDS = new SecureRandom();

    private final ProjectIndex index;
    private final JobStore store;
    private final Semaphore slots;
    private final Clock clock;
    private final ExecutorService worker;
    private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
    private final Map<String, CancellationToken> tokens = new LinkedHashMap<>();

    public IndexJobQueue(ProjectIndex index, JobStore store, Semaphore slots, Clock clock) {
        this.index = index;
        this.store = store;
        this.slots = slots;
        this.clock = clock;
        this.worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "doc-serve-index-" + index.projectRoot().getFileName());
            t.setDaemon(true);
            return t;
        });
        recoverInterrupted();
    }

    private void recoverInterrupted() {
        List<JobRecord> loaded = store.loadAll();
        for (JobRecord job : loaded) {
            JobRecord current = job;
            if (!job.status().isFinished()) {
                current = job.finished(JobStatus.FAILED, clock.instant(), "interrupted: the server stopped while this job was "
                        + job.status().wireName() + "; index the folder again to resume (finished files are kept)");
                store.save(current);
            }
            jobs.put(current.jobId(), current);
        }
        store.prune(loaded);
    }

    /**
     * Queues a run; returns its pending record at once.
     *
     * @throws JobNotRecordedException if the record cannot be written; nothing is queued
     */
    public synchronized JobRecord submit(IndexRequest request, String operation) {
        JobRecord job = new JobRecord("job_" + HexFormat.of().formatHex(randomBytes()), operation, JobStatus.PENDING,
                JobRequest.of(request), clock.instant(), null, null, JobProgress.NONE, null, null);
        try {
            store.save(job);
        } catch (java.io.UncheckedIOException e) {
            throw new JobNotRecordedException(e.getMessage(), e);
        }
        CancellationToken token = new CancellationToken();
        jobs.put(job.jobId(), job);
        tokens.put(job.jobId(), token);
        worker.execute(() -> run(job.jobId(), request, token));
        return job;
    }

    /** Every known job, newest first. */
    public synchronized List<JobRecord> list() {
        List<JobRecord> all = new ArrayList<>(jobs.values());
        all.sort(Comparator.comparing(JobRecord::createdAt).thenComparing(JobRecord::jobId).reversed());
        return all;
    }

    public synchronized Optional<JobRecord> get(String jobId) {
        return Optional.ofNullable(jobs.get(jobId));
    }

    /** The running job, if any (for {@code /health}'s "indexing" and {@code current_job_id}). */
    public synchronized Optional<JobRecord> running() {
        return jobs.values().stream().filter(j -> j.status() == JobStatus.RUNNING).findFirst();
    }

    /** Whether a job is pending or running. */
    public synchronized boolean isBusy() {
        return jobs.values().stream().anyMatch(j -> !j.status().isFinished());
    }

    /**
     * Cancels a job: a pending one is cancelled at once; a running one stops at its next file boundary,
     * keeping the files it finished. A finished job is returned unchanged.
     */
    public synchronized Optional<JobRecord> cancel(String jobId) {
        JobRecord job = jobs.get(jobId);
        if (job == null || job.status().isFinished()) {
            return Optional.ofNullable(job);
        }
        tokens.get(jobId).cancel();
        if (job.status() == JobStatus.PENDING) {
            update(job.finished(JobStatus.CANCELLED, clock.instant(), "cancelled before it started"), true);
        }
        return Optional.of(jobs.get(jobId));
    }

    private void run(String jobId, IndexRequest request, CancellationToken token) {
        synchronized (this) {
            if (jobs.get(jobId).status() != JobStatus.PENDING) {
                tokens.remove(jobId);
                return;
            }
        }
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish(jobId, JobStatus.FAILED, "interrupted while waiting for an indexing slot", null);
            return;
        }
        try {
            synchronized (this) {
                if (token.isCancelled()) {
                    update(jobs.get(jobId).finished(JobStatus.CANCELLED, clock.instant(), "cancelled before it started"), true);
                    return;
                }
                update(jobs.get(jobId).running(clock.instant()), true);
            }
            Instant[] lastWrite = {clock.instant()};
            IndexReport report = index.index(request, progress -> {
                synchronized (this) {
                    Instant now = clock.instant();
                    boolean persist = Duration.between(lastWrite[0], now).compareTo(PERSIST_PROGRESS_EVERY) >= 0;
                    if (persist) {
                        lastWrite[0] = now;
                    }
                    update(jobs.get(jobId).withProgress(JobProgress.of(progress)), persist);
                }
            }, token);
            finish(jobId, JobStatus.DONE, null, report);
        } catch (IndexingCancelledException e) {
            finish(jobId, JobStatus.CANCELLED, e.getMessage(), null);
        } catch (Exception | LinkageError e) {
            // A model library that cannot load (a LinkageError) must fail the job, not leave it "running".
            LOG.warnf(e, "index job %s failed", jobId);
            finish(jobId, JobStatus.FAILED, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        } finally {
            slots.release();
            synchronized (this) {
                tokens.remove(jobId);
            }
        }
    }

    private synchronized void finish(String jobId, JobStatus status, String message, IndexReport report) {
        JobRecord job = jobs.get(jobId);
        update(status == JobStatus.DONE ? job.done(clock.instant(), report) : job.finished(status, clock.instant(), message), true);
    }

    private void update(JobRecord job, boolean persist) {
        jobs.put(job.jobId(), job);
        if (persist) {
            try {
                store.save(job);
            } catch (RuntimeException e) {
                LOG.warnf("cannot persist job %s: %s", job.jobId(), e.getMessage());
            }
        }
    }

    /**
     * Stops taking work: cancels pending and running jobs and waits (up to {@code timeout}) for the
     * running one to commit what it finished.
     */
    public void close(Duration timeout) throws InterruptedException {
        synchronized (this) {
            new ArrayList<>(tokens.keySet()).forEach(this::cancel);
        }
        worker.shutdown();
        if (!worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("the running index job did not stop in time; its uncommitted files will be re-indexed next time");
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        IDS.nextBytes(bytes);
        return bytes;
    }
}
