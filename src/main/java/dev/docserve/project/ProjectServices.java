package dev.docserve.project;

import dev.docserve.json.AtomicFiles;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.jobs.IndexJobQueue;
import dev.docserve.index.jobs.IndexingSlots;
import dev.docserve.index.jobs.JobLog;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.watch.DirectoryRegistrar;
import dev.docserve.index.watch.FreshnessStatus;
import dev.docserve.index.watch.ProjectWatch;
import dev.docserve.index.watch.WatchSettings;
import dev.docserve.search.ChunkStores;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything one served project owns: its index (in its data dir, or its own OpenSearch index) and
 * its job queue (job records in its data dir, or in the cluster for replicas). Nothing here is shared
 * with another project except the embedder, the indexing slots and the storage backend's connection.
 */
public final class ProjectServices implements AutoCloseable {

    private static final Duration CHECKPOINT_WAIT = Duration.ofSeconds(30);

    private final String projectId;
    private final Path root;
    private final Path dataDir;
    private final ProjectIndex index;
    private final IndexJobQueue jobs;
    /** Follows the indexed folders, or null when watching is off for this project. */
    private final ProjectWatch watch;

    private ProjectServices(String projectId, Path root, Path dataDir, ProjectIndex index, IndexJobQueue jobs,
                            ProjectWatch watch) {
        this.projectId = projectId;
        this.root = root;
        this.dataDir = dataDir;
        this.index = index;
        this.jobs = jobs;
        this.watch = watch;
    }

    public static ProjectServices open(String projectId, Path root, Path dataDir, Embedder embedder, IndexingSlots slots,
                                       ChunkStores stores, JobLog jobLog) throws IOException {
        return open(projectId, root, dataDir, embedder, slots, stores, jobLog, WatchSettings.defaults().withEnabled(false));
    }

    /** Opens the project's index and queue; following its folders starts with {@link #startFollowing()}. */
    public static ProjectServices open(String projectId, Path root, Path dataDir, Embedder embedder, IndexingSlots slots,
                                       ChunkStores stores, JobLog jobLog, WatchSettings watchSettings) throws IOException {
        AtomicFiles.createOwnerOnlyDirectory(dataDir);
        ProjectIndex index = ProjectIndex.over(root, stores.open(projectId, dataDir), embedder, Clock.systemUTC());
        try {
            IndexJobQueue jobs = new IndexJobQueue(index, jobLog, slots, Clock.systemUTC());
            ProjectWatch watch = watchSettings.enabled()
                    ? ProjectWatch.create(index, jobs, watchSettings, DirectoryRegistrar.system()) : null;
            return new ProjectServices(projectId, root, dataDir, index, jobs, watch);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
    }

    /** Starts watching the indexed folders and catching them up, in the background (idempotent; nothing when off). */
    public void startFollowing() {
        if (watch != null) {
            watch.start();
        }
    }

    /** Cancels unfinished jobs, removes everything indexed, and stops following the folders that were. */
    public void clearIndex() throws IOException {
        jobs.cancelUnfinished();
        index.clear();
        if (watch != null) {
            watch.refresh();
        }
    }

    /** How current the index is: what the watcher knows, or "off". */
    public FreshnessStatus freshness() {
        return watch == null ? FreshnessStatus.off("watching is off for this project (watch: false or DOC_SERVE_WATCH=false);"
                + " run 'doc-serve index' after changes") : watch.status();
    }

    public String projectId() {
        return projectId;
    }

    public Path root() {
        return root;
    }

    public Path dataDir() {
        return dataDir;
    }

    public ProjectIndex index() {
        return index;
    }

    public IndexJobQueue jobs() {
        return jobs;
    }

    /** Stops taking work, lets the running batch commit what it finished, then commits and closes the index. */
    @Override
    public void close() throws IOException {
        if (watch != null) {
            watch.close(); // no new runs from here on
        }
        try {
            jobs.close(CHECKPOINT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            index.close();
        }
    }
}
