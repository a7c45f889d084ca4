package dev.docserve.index.watch;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.jobs.IndexJobQueue;
import dev.docserve.index.jobs.JobNotRecordedException;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.index.jobs.JobStatus;
import dev.docserve.search.store.IndexManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps one project's index following its files while the server runs.
 *
 * <p>Every folder in the index's manifest is watched with the options it was indexed with (recorded
 * in the manifest; folders indexed before those were recorded use the defaults). Watching is the JDK
 * watch service (inotify on Linux, kept by {@link DirectoryWatches}) with one registration per
 * directory the walk would enter:
 * excluded and ignored folders ({@code node_modules}, {@code target}, a {@code .gitignore}d build
 * dir) are never registered, so a build writing there costs nothing. New directories are registered
 * as they appear; a lost event stream ({@code OVERFLOW}) triggers a rescan.
 *
 * <p>Changes are debounced per folder: a run starts {@link WatchSettings#debounce()} after the last
 * change (at most {@link WatchSettings#maxDelay()} after the first), so a save is one run and a
 * {@code git checkout} of a thousand files is one run too. A run is an ordinary incremental index job
 * (operation {@code watch}) on the project's queue: files are skipped by size and time, then by
 * content hash, vanished files are removed, and the embedder yields to queries as for any job. While a
 * run is queued, new changes join it; while it runs, they wait for the next.
 *
 * <p>On start, each folder is first watched, then compared with the index by size and time
 * ({@link ChangeScan}); what changed while the server was down is indexed by a {@code catch-up} job in
 * the background. Readiness never waits for it.
 *
 * <p>Limits are reported, not swallowed: when the OS refuses a watch (Linux
 * {@code fs.inotify.max_user_watches}), the folder's watches are dropped, a warning with the fix is
 * logged once, the status says {@code degraded} with the same words, and the folder is rescanned every
 * {@link WatchSettings#rescanInterval()} instead. A folder that disappears stops being watched and is
 * reported {@code gone}; it is watched again if it comes back.
 */
public final class ProjectWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ProjectWatch.class);
    static final String WATCH_OPERATION = "watch";
    static final String CATCH_UP_OPERATION = "catch-up";
    static final String RESCAN_OPERATION = "rescan";

    private enum FolderState { CATCHING_UP, WATCHING, POLLING, GONE }

    private final ProjectIndex index;
    private final IndexJobQueue jobs;
    private final WatchSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final DirectoryWatches<Folder> watches;
    private final Map<String, Folder> folders = new LinkedHashMap<>();
    private volatile boolean closed;
    private boolean started;
    /** Manifest reads queued or running (start, refresh): until they end, an indexed folder may not be followed yet. */
    private int followsPending;
    /**
     * The queue's count of done jobs up to the last end this watch has handled; less than the queue's
     * {@link IndexJobQueue#doneJobs()} means a run has ended whose folder may not be followed yet (a first
     * index of a folder is followed only then), so the state is not yet "watching".
     */
    private long doneJobsHandled;

    private ProjectWatch(ProjectIndex index, IndexJobQueue jobs, WatchSettings settings, DirectoryRegistrar registrar,
                         Clock clock) {
        this.index = index;
        this.jobs = jobs;
        this.settings = settings;
        this.clock = clock;
        String name = index.projectRoot().getFileName() == null ? "root" : index.projectRoot().getFileName().toString();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "doc-serve-freshness-" + name));
        this.watches = new DirectoryWatches<>(name, settings.maxWatchedDirectories().isPresent()
                ? DirectoryRegistrar.limitedTo(settings.maxWatchedDirectories().getAsInt(), registrar) : registrar,
                new FolderEvents());
    }

    /** A watch for the project's indexed folders; nothing is watched or scanned before {@link #start()}. */
    public static ProjectWatch create(ProjectIndex index, IndexJobQueue jobs, WatchSettings settings,
                                      DirectoryRegistrar registrar) {
        ProjectWatch watch = new ProjectWatch(index, jobs, settings, registrar, Clock.systemUTC());
        jobs.onJobFinished(job -> watch.onJobFinishedLater(job));
        return watch;
    }

    /** Starts following the indexed folders in the background (catch-up first) and returns at once; idempotent. */
    public synchronized void start() {
        if (started || closed) {
            return;
        }
        started = true;
        watches.start();
        watches.failure().ifPresent(failure -> LOG.warnf("cannot watch %s: %s", index.projectRoot(), failure));
        doneJobsHandled = jobs.doneJobs();
        scheduleFollow();
        long rescanMs = Math.max(1, settings.rescanInterval().toMillis());
        scheduler.scheduleWithFixedDelay(this::rescanUnwatched, rescanMs, rescanMs, TimeUnit.MILLISECONDS);
    }

    private void onJobFinishedLater(JobRecord job) {
        long doneSoFar = jobs.doneJobs(); // this job included: the queue counts before it tells its listeners
        if (started && !closed) {
            try {
                scheduler.execute(() -> onJobFinished(job, doneSoFar));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    /** Reads the manifest again soon: folders no longer indexed stop being followed, new ones start. */
    public void refresh() {
        if (started && !closed) {
            scheduleFollow();
        }
    }

    private void scheduleFollow() {
        synchronized (this) {
            followsPending++;
        }
        try {
            scheduler.execute(() -> {
                try {
                    followManifest();
                } finally {
                    synchronized (this) {
                        followsPending--;
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            synchronized (this) {
                followsPending--; // closing
            }
        }
    }

    /** How current the index is now. */
    public synchronized FreshnessStatus status() {
        Instant now = clock.instant();
        int pending = 0;
        int changed = 0;
        Instant oldest = null;
        List<FreshnessStatus.Folder> out = new ArrayList<>();
        boolean catchingUp = false;
        List<String> problems = new ArrayList<>();
        Map<Folder, Integer> watched = watches.watchedDirectories();
        for (Folder f : folders.values()) {
            pending += f.pendingEvents + f.inFlightEvents;
            Set<Path> distinct = new HashSet<>(f.pending);
            distinct.addAll(f.inFlight);
            changed += Math.max(distinct.size(), f.scanFound);
            oldest = earliest(oldest, earliest(f.oldestPending, f.oldestInFlight));
            catchingUp |= f.state == FolderState.CATCHING_UP;
            if (f.reason != null) {
                problems.add(f.reason);
            }
            out.add(new FreshnessStatus.Folder(f.root.toString(), f.state.name().toLowerCase(java.util.Locale.ROOT),
                    f.reason, watched.getOrDefault(f, 0)));
        }
        Long age = oldest == null ? null : Math.max(0, Duration.between(oldest, now).toMillis());
        String state;
        String reason = null;
        if (watches.failure().isPresent()) {
            state = FreshnessStatus.DEGRADED;
            reason = watches.failure().get();
        } else if (!problems.isEmpty()) {
            state = FreshnessStatus.DEGRADED;
            reason = String.join("; ", problems);
        } else {
            // Before start (the server is not ready yet) the catch-up is still to come; after a run ends or
            // the index changes, its folders are followed a moment later.
            boolean settling = followsPending > 0 || jobs.doneJobs() > doneJobsHandled;
            state = catchingUp || settling || !started ? FreshnessStatus.CATCHING_UP : FreshnessStatus.WATCHING;
        }
        return new FreshnessStatus(state, reason, pending, age, changed, List.copyOf(out));
    }

    // ---- folders followed ----

    /** Watches every folder of the manifest not watched yet, with its recorded options, and catches each up. */
    private void followManifest() {
        Optional<IndexManifest> manifest;
        try {
            manifest = index.manifest();
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot read the indexed folders of %s: %s", index.projectRoot(), e.getMessage());
            return;
        }
        List<String> indexed = manifest.map(IndexManifest::indexedFolders).orElse(List.of());
        Map<String, IndexManifest.FolderOptions> options = manifest.map(IndexManifest::folderOptions).orElse(Map.of());
        synchronized (this) {
            for (String gone : new ArrayList<>(folders.keySet())) {
                if (!indexed.contains(gone)) {
                    unwatch(folders.remove(gone)); // the index was cleared
                }
            }
        }
        for (String folder : indexed) {
            IndexRequest request = request(Path.of(folder), options.get(folder));
            boolean isNew;
            synchronized (this) {
                Folder known = folders.get(folder);
                isNew = known == null;
                if (known != null && !known.request.equals(request)) {
                    known.request = request; // re-indexed with other options: follow them from now on
                    known.rules = new FolderRules(known.root, request);
                }
            }
            if (isNew && !closed) {
                follow(folder, request);
            }
        }
    }

    private void follow(String folderPath, IndexRequest request) {
        Path root = Path.of(folderPath);
        Folder folder = new Folder(root, request);
        synchronized (this) {
            folders.put(folderPath, folder);
        }
        if (!Files.isDirectory(root)) {
            markGone(folder);
            return;
        }
        watchTree(folder, root);
        catchUp(folder, CATCH_UP_OPERATION);
    }

    /** Compares the folder with the index and queues a run when they differ. */
    private void catchUp(Folder folder, String operation) {
        int changed;
        try {
            changed = ChangeScan.changedFiles(index, folder.request);
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot compare %s with its index: %s", folder.root, e.getMessage());
            synchronized (this) {
                if (folder.state == FolderState.CATCHING_UP) {
                    folder.state = FolderState.WATCHING;
                }
            }
            return;
        }
        synchronized (this) {
            if (changed == 0) {
                if (folder.state == FolderState.CATCHING_UP) {
                    folder.state = FolderState.WATCHING;
                }
                return;
            }
            LOG.infof("%s: %d file(s) changed since they were indexed; indexing them in the background", folder.root, changed);
            folder.scanFound = changed;
            folder.rescanRequested = true;
            folder.oldestPending = earliest(folder.oldestPending, clock.instant());
            submit(folder, operation);
        }
    }

    /** The periodic task: rescans folders that cannot be watched, and looks for vanished ones. */
    private void rescanUnwatched() {
        if (closed) {
            return;
        }
        List<Folder> polling = new ArrayList<>();
        List<Folder> gone = new ArrayList<>();
        synchronized (this) {
            for (Folder f : folders.values()) {
                if (f.state == FolderState.POLLING) {
                    polling.add(f);
                } else if (f.state == FolderState.GONE) {
                    gone.add(f);
                }
            }
        }
        for (Folder f : polling) {
            if (!Files.isDirectory(f.root)) {
                markGone(f);
            } else if (f.jobId == null) {
                catchUp(f, RESCAN_OPERATION);
            }
        }
        for (Folder f : gone) {
            if (Files.isDirectory(f.root)) {
                LOG.infof("%s is back; watching it again", f.root);
                synchronized (this) {
                    f.state = FolderState.CATCHING_UP;
                    f.reason = null;
                }
                watchTree(f, f.root);
                catchUp(f, CATCH_UP_OPERATION);
            }
        }
    }

    // ---- watching ----

    /** Registers {@code dir} and every directory below it that the walk would enter; a refusal degrades the folder. */
    private void watchTree(Folder folder, Path dir) {
        Optional<String> failure = watches.failure();
        if (failure.isPresent()) {
            degrade(folder, failure.get());
            return;
        }
        try {
            watches.watchTree(folder, dir, folder.rules, () -> {
                synchronized (this) {
                    return folder.state != FolderState.POLLING && !closed;
                }
            });
        } catch (IOException e) {
            degrade(folder, DirectoryWatches.describeLimit(e));
        }
    }

    /** What each event of the OS means for the folder it concerns. */
    private final class FolderEvents implements DirectoryWatches.Listener<Folder> {

        @Override
        public void overflowed(Folder folder) {
            LOG.infof("%s: the OS dropped change events (overflow); rescanning the folder", folder.root);
            watchTree(folder, folder.root);
            synchronized (ProjectWatch.this) {
                folder.rescanRequested = true;
                recordChange(folder, folder.root);
            }
        }

        @Override
        public void changed(Folder folder, Path dir, WatchEvent.Kind<?> kind, Path path) {
            boolean isDirectory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
            if (isDirectory && kind == StandardWatchEventKinds.ENTRY_CREATE) {
                if (folder.rules.enters(path)) {
                    watchTree(folder, path); // a new folder, or one renamed into place: its files are found by the run's walk
                    synchronized (ProjectWatch.this) {
                        recordChange(folder, path);
                    }
                }
                return;
            }
            if (!isDirectory && dev.docserve.index.loading.IgnoreRules.isRulesFile(path.getFileName().toString())
                    && Files.isDirectory(dir)) {
                watchTree(folder, dir); // rules changed: a folder no longer ignored is watched from now on
            }
            boolean wasWatchedDir = kind == StandardWatchEventKinds.ENTRY_DELETE && watches.isWatched(path);
            if (wasWatchedDir || (!isDirectory && folder.rules.concerns(path))) {
                synchronized (ProjectWatch.this) {
                    recordChange(folder, path);
                }
            }
        }

        @Override
        public void ended(Folder folder, Path dir) {
            if (dir.equals(folder.root) && !Files.isDirectory(folder.root)) {
                markGone(folder);
            }
        }
    }

    // ---- coalescing ----

    /** Records a change and (re)arms the folder's quiet-period timer. Call holding the lock. */
    private void recordChange(Folder folder, Path path) {
        Instant now = clock.instant();
        folder.pending.add(path);
        folder.pendingEvents++;
        folder.oldestPending = earliest(folder.oldestPending, now);
        folder.lastChange = now;
        if (folder.timer == null || folder.timer.isDone()) {
            folder.timer = scheduler.schedule(() -> fireWhenQuiet(folder), settings.debounce().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private synchronized void fireWhenQuiet(Folder folder) {
        if (closed || (folder.pending.isEmpty() && !folder.rescanRequested)) {
            return;
        }
        Instant now = clock.instant();
        Duration quiet = folder.lastChange == null ? settings.debounce() : Duration.between(folder.lastChange, now);
        Duration waited = Duration.between(folder.oldestPending == null ? now : folder.oldestPending, now);
        if (quiet.compareTo(settings.debounce()) < 0 && waited.compareTo(settings.maxDelay()) < 0) {
            long left = settings.debounce().minus(quiet).toMillis();
            folder.timer = scheduler.schedule(() -> fireWhenQuiet(folder), Math.max(1, left), TimeUnit.MILLISECONDS);
            return;
        }
        if (!stillIndexed(folder)) {
            return; // the index was cleared: a run would index the folder again behind the user's back
        }
        submit(folder, WATCH_OPERATION);
    }

    /** Whether the manifest still lists the folder; a folder it no longer lists is forgotten. Call holding the lock. */
    private boolean stillIndexed(Folder folder) {
        try {
            boolean listed = index.manifest().map(m -> m.indexedFolders().contains(folder.root.toString())).orElse(false);
            if (!listed) {
                folders.remove(folder.root.toString());
                unwatch(folder);
            }
            return listed;
        } catch (IOException | RuntimeException e) {
            return true; // cannot tell: the run itself reports what is wrong
        }
    }

    /**
     * Queues one run for the folder unless one is already queued (which then covers these changes, since
     * it walks the folder when it starts) or running (the next run starts when it ends). Call holding the lock.
     */
    private void submit(Folder folder, String operation) {
        if (folder.jobId != null) {
            Optional<JobRecord> job = jobs.get(folder.jobId);
            if (job.isPresent() && job.get().status() == JobStatus.PENDING) {
                moveToInFlight(folder);
                return;
            }
            if (job.isPresent() && job.get().status() == JobStatus.RUNNING) {
                return; // onJobFinished fires again
            }
        }
        try {
            JobRecord job = jobs.submit(folder.request, operation);
            folder.jobId = job.jobId();
            folder.rescanRequested = false;
            moveToInFlight(folder);
        } catch (JobNotRecordedException | IllegalStateException | java.util.concurrent.RejectedExecutionException e) {
            LOG.warnf("cannot queue the re-index of %s: %s", folder.root, e.getMessage());
        }
    }

    private static void moveToInFlight(Folder folder) {
        folder.inFlight.addAll(folder.pending);
        folder.inFlightEvents += folder.pendingEvents;
        folder.oldestInFlight = earliest(folder.oldestInFlight, folder.oldestPending);
        folder.pending.clear();
        folder.pendingEvents = 0;
        folder.oldestPending = null;
    }

    private void onJobFinished(JobRecord job, long doneSoFar) {
        boolean refollow = job.status() == JobStatus.DONE;
        synchronized (this) {
            for (Folder folder : folders.values()) {
                if (!job.jobId().equals(folder.jobId)) {
                    continue;
                }
                folder.jobId = null;
                if (job.status() == JobStatus.DONE) {
                    folder.scanFound = 0;
                } else if (!closed) {
                    LOG.warnf("the re-index of %s ended %s: %s", folder.root, job.status().wireName(), job.error());
                    folder.pending.addAll(folder.inFlight); // still not indexed: reported, retried on the next change
                    folder.pendingEvents += folder.inFlightEvents;
                    folder.oldestPending = earliest(folder.oldestPending, folder.oldestInFlight);
                }
                folder.inFlight.clear();
                folder.inFlightEvents = 0;
                folder.oldestInFlight = null;
                if (folder.state == FolderState.CATCHING_UP) {
                    folder.state = FolderState.WATCHING;
                }
                if (job.status() == JobStatus.DONE && (!folder.pending.isEmpty() || folder.rescanRequested)) {
                    folder.timer = scheduler.schedule(() -> fireWhenQuiet(folder), settings.debounce().toMillis(),
                            TimeUnit.MILLISECONDS);
                }
            }
        }
        try {
            if (refollow && !closed) {
                followManifest(); // a folder indexed for the first time, or with new options, or the index cleared
            }
        } finally {
            synchronized (this) {
                doneJobsHandled = Math.max(doneJobsHandled, doneSoFar);
            }
        }
    }

    // ---- limits ----

    private void degrade(Folder folder, String reason) {
        synchronized (this) {
            if (folder.state == FolderState.POLLING) {
                return;
            }
            folder.state = FolderState.POLLING;
            folder.reason = reason;
        }
        watches.cancel(folder);
        LOG.warnf("%s cannot be watched: %s", folder.root, reason);
    }

    private void markGone(Folder folder) {
        synchronized (this) {
            if (folder.state == FolderState.GONE) {
                return;
            }
            folder.state = FolderState.GONE;
            folder.reason = folder.root + " no longer exists: its watch ended; its chunks stay searchable (marked stale)"
                    + " until it is indexed again or the index is cleared";
        }
        watches.cancel(folder);
        LOG.warnf("%s", folder.reason);
    }

    private void unwatch(Folder folder) {
        watches.cancel(folder);
        if (folder.timer != null) {
            folder.timer.cancel(false);
        }
    }

    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        watches.close();
    }

    private static IndexRequest request(Path folder, IndexManifest.FolderOptions options) {
        IndexRequest request = IndexRequest.of(folder);
        if (options == null) {
            return request;
        }
        return new IndexRequest(folder, options.chunkSize(), options.chunkOverlap(), options.recursive(),
                options.includeCode(), options.supportedLanguages(), options.includePatterns(), options.excludePatterns(),
                false, false);
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Thread daemon(Runnable task, String name) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        return t;
    }

    /** One followed folder; every field is guarded by the watch's lock. */
    private static final class Folder {
        final Path root;
        IndexRequest request;
        FolderRules rules;
        FolderState state = FolderState.CATCHING_UP;
        String reason;
        final Set<Path> pending = new HashSet<>();
        int pendingEvents;
        Instant oldestPending;
        Instant lastChange;
        final Set<Path> inFlight = new HashSet<>();
        int inFlightEvents;
        Instant oldestInFlight;
        boolean rescanRequested;
        int scanFound;
        String jobId;
        ScheduledFuture<?> timer;

        Folder(Path root, IndexRequest request) {
            this.root = root;
            this.request = request;
            this.rules = new FolderRules(root, request);
        }
    }
}
