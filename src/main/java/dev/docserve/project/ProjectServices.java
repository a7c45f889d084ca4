package dev.docserve.project;

import dev.docserve.json.AtomicFiles;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.jobs.IndexJobQueue;
import dev.docserve.index.jobs.IndexingSlots;
import dev.docserve.index.jobs.JobLog;
import dev.docserve.index.embedding.Embedder;
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

    private ProjectServices(String projectId, Path root, Path dataDir, ProjectIndex index, IndexJobQueue jobs) {
        this.projectId = projectId;
        this.root = root;
        this.dataDir = dataDir;
        this.index = index;
        this.jobs = jobs;
    }

    public static ProjectServices open(String projectId, Path root, Path dataDir, Embedder embedder, IndexingSlots slots,
                                       ChunkStores stores, JobLog jobLog) throws IOException {
        AtomicFiles.createOwnerOnlyDirectory(dataDir);
        ProjectIndex index = ProjectIndex.over(root, stores.open(projectId, dataDir), embedder, Clock.systemUTC());
        try {
            IndexJobQueue jobs = new IndexJobQueue(index, jobLog, slots, Clock.systemUTC());
            return new ProjectServices(projectId, root, dataDir, index, jobs);
        } catch (RuntimeException e) {
            index.close();
            throw e;
        }
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
        try {
            jobs.close(CHECKPOINT_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            index.close();
        }
    }
}
