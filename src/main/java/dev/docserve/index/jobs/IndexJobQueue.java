package dev.docserve.index.jobs;

import dev.docserve.memory.IdleMemory;
import dev.docserve.search.store.StorageUnavailableException;
import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexReport;
import dev.docserve.corpus.IndexRequest;
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
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Runs one project's index jobs one at a time, in submission order, on a thread of its own, and keeps
 * their records in its {@link JobLog} (files in the data dir, or the cluster that replicas share).
 * Jobs of other replicas that share the log are listed beside this process's own, as they last wrote
 * them; an unfinished one whose replica stopped keeping it alive reads as interrupted.
 *
 * <p>On construction, records left {@code pending} or {@code running} by a previous process (a crash or
 * restart) are marked {@code failed} with a message saying so; re-indexing resumes such work cheaply,
 * since files committed before the interruption are skipped as unchanged.
 *
 * <p>{@code slots} bounds concurrent runs across projects (shared mode's
 * {@code max_concurrent_indexing}), first come first served; pass {@code new IndexingSlots(1)} for a
 * lone project. A pending job reads with its {@code queue_position}: its place in the wait for a slot,
 * or, behind an earlier job of its own project, that job's place plus the pending jobs in between.
 */
public final class IndexJobQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(IndexJobQueue.class);
    private static final SecureRandom IDS = new SecureRandom();

    /** Jobs that ended done since this queue was made; counted before each reads as done. */
    private final AtomicLong doneJobs = new AtomicLong();
    private final ProjectIndex index;
    private final JobLog store;
    private final IndexingSlots slots;
    private final Clock clock;
    private final ExecutorService worker;
    private final Map<String, JobRecord> jobs = new LinkedHashMap<>();
    private final Map<String, CancellationToken> tokens = new LinkedHashMap<>();
    private final List<java.util.function.Consumer<JobRecord>> finishedListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public IndexJobQueue(ProjectIndex index, JobLog store, IndexingSlots slots, Clock clock) {
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
     * Calls {@code listener} with the final record of every job of this process that ran and ended (done,
     * failed or cancelled while running), on the queue's thread and outside its lock; keep it short.
     */
    public void onJobFinished(java.util.function.Consumer<JobRecord> listener) {
        finishedListeners.add(listener);
    }

    /**
     * Queues a run; returns its pending record at once.
     *
     * @throws JobNotRecordedException if the record cannot be written; nothing is queued
     */
    public synchronized JobRecord submit(IndexRequest request, String operation) {
        JobRecord job = JobRecord.pending(newJobId(), operation,
                JobRequest.of(request), clock.instant());
        try {
            store.save(job);
        } catch (java.io.UncheckedIOException e) {
            if (e.getCause() instanceof StorageUnavailableException) {
                throw e; // the cluster holds the job records: its own error names it and what to check
            }
            throw new JobNotRecordedException(e.getMessage(), e);
        }
        CancellationToken token = new CancellationToken();
        jobs.put(job.jobId(), job);
        tokens.put(job.jobId(), token);
        worker.execute(() -> run(job.jobId(), request, token));
        return withQueuePositions().get(job.jobId());
    }

    /** Every known job, this process's and other replicas', newest first, pending ones with their queue position. */
    public List<JobRecord> list() {
        List<JobRecord> elsewhere = elsewhere();
        List<JobRecord> all;
        synchronized (this) {
            all = new ArrayList<>(withQueuePositions().values());
        }
        all.addAll(elsewhere);
        all.sort(Comparator.comparing(JobRecord::createdAt).thenComparing(JobRecord::jobId).reversed());
        return all;
    }

    public Optional<JobRecord> get(String jobId) {
        synchronized (this) {
            JobRecord mine = withQueuePositions().get(jobId);
            if (mine != null) {
                return Optional.of(mine);
            }
        }
        return elsewhere().stream().filter(job -> job.jobId().equals(jobId)).findFirst();
    }

    /** Other replicas' jobs as they stand now; read outside the lock, since it may ask the cluster. */
    private List<JobRecord> elsewhere() {
        Instant now = clock.instant();
        List<JobRecord> out = new ArrayList<>();
        for (ReplicaJob other : store.others()) {
            synchronized (this) {
                if (jobs.containsKey(other.job().jobId())) {
                    continue;
                }
            }
            out.add(other.asSeenAt(now));
        }
        return out;
    }

    /**
     * The jobs, pending ones with {@code queue_position}. A job waiting for a slot has its place in
     * that wait; a job behind an earlier job of this project joins the wait only when that one has
     * run, so every job waiting now, and this project's earlier jobs, come before it.
     */
    private Map<String, JobRecord> withQueuePositions() {
        Map<String, JobRecord> out = new LinkedHashMap<>(jobs);
        int waitingForSlot = slots.waiting();
        int behind = 0;
        for (JobRecord job : jobs.values()) {
            if (job.status() == JobStatus.PENDING) {
                OptionalInt waiting = slots.position(job.jobId());
                int position = waiting.isPresent() ? waiting.getAsInt() : waitingForSlot + ++behind;
                out.put(job.jobId(), job.withQueuePosition(position));
            }
        }
        return out;
    }

    /** The running job, if any (for {@code /health}'s "indexing" and {@code current_job_id}). */
    public synchronized Optional<JobRecord> running() {
        return jobs.values().stream().filter(j -> j.status() == JobStatus.RUNNING).findFirst();
    }

    /** Whether a job is pending or running. */
    public synchronized boolean isBusy() {
        return jobs.values().stream().anyMatch(j -> !j.status().isFinished());
    }

    /** Cancels every unfinished job of this project, as {@link #cancel(String)} does one: before a reset or an unregistration. */
    public void cancelUnfinished() {
        list().stream().filter(job -> !job.status().isFinished()).forEach(job -> cancel(job.jobId()));
    }

    /**
     * Cancels a job: a pending one is cancelled at once; a running one stops at its next file boundary,
     * keeping the files it finished. A finished job is returned unchanged.
     *
     * @throws JobElsewhereException for an unfinished job of another replica, which only that replica can stop
     */
    public Optional<JobRecord> cancel(String jobId) {
        synchronized (this) {
            if (jobs.containsKey(jobId)) {
                return Optional.of(cancelOwn(jobId));
            }
        }
        Optional<ReplicaJob> other = store.others().stream().filter(job -> job.job().jobId().equals(jobId)).findFirst();
        Optional<JobRecord> seen = other.map(job -> job.asSeenAt(clock.instant()));
        if (seen.isPresent() && !seen.get().status().isFinished()) {
            throw new JobElsewhereException("job " + jobId + " runs on another doc-serve replica (" + other.get().owner()
                    + "); cancel it through that replica");
        }
        return seen;
    }

    private synchronized JobRecord cancelOwn(String jobId) {
        JobRecord job = jobs.get(jobId);
        if (job.status().isFinished()) {
            return job;
        }
        tokens.get(jobId).cancel();
        if (job.status() == JobStatus.PENDING) {
            update(job.finished(JobStatus.CANCELLED, clock.instant(), "cancelled before it started"), true);
        }
        return jobs.get(jobId);
    }

    private void run(String jobId, IndexRequest request, CancellationToken token) {
        synchronized (this) {
            if (jobs.get(jobId).status() != JobStatus.PENDING) {
                tokens.remove(jobId);
                return;
            }
        }
        try {
            slots.acquire(jobId);
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
                    boolean persist = Duration.between(lastWrite[0], now).compareTo(store.progressEvery()) >= 0;
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
            JobRecord last;
            synchronized (this) {
                tokens.remove(jobId);
                last = jobs.get(jobId);
            }
            notifyFinished(last);
            // An index run leaves its batches' garbage in a heap grown for them; the server now idles.
            IdleMemory.settle("index job " + jobId);
        }
    }

    private void notifyFinished(JobRecord job) {
        for (var listener : finishedListeners) {
            try {
                listener.accept(job);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a listener failed on the end of job %s", job.jobId());
            }
        }
    }

    private synchronized void finish(String jobId, JobStatus status, String message, IndexReport report) {
        JobRecord job = jobs.get(jobId);
        if (status == JobStatus.DONE) {
            doneJobs.incrementAndGet(); // before the job reads as done: see doneJobs()
        }
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
     * How many jobs have ended done. Counted before such a job reads as done and before the finished
     * listeners hear of it, so a listener can tell (by counting what it handled) whether one is still
     * on its way to it.
     */
    public long doneJobs() {
        return doneJobs.get();
    }

    /**
     * Stops taking work: cancels pending and running jobs and waits (up to {@code timeout}) for the
     * running one to commit what it finished.
     */
    public void close(Duration timeout) throws InterruptedException {
        synchronized (this) {
            new ArrayList<>(tokens.keySet()).forEach(this::cancelOwn);
        }
        worker.shutdown();
        try {
            if (!worker.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("the running index job did not stop in time; its uncommitted files will be re-indexed next time");
            }
        } finally {
            store.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        close(Duration.ofSeconds(30));
    }

    /** A fresh job id ({@code job_} and 12 hex digits). */
    public static String newJobId() {
        return "job_" + HexFormat.of().formatHex(randomBytes());
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[6];
        IDS.nextBytes(bytes);
        return bytes;
    }
}
