package dev.docserve.project.opensearch;

import dev.docserve.index.jobs.JobLog;
import dev.docserve.project.catalog.ProjectCatalog;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import java.io.Closeable;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What shared daemons configured with one cluster share besides the chunks: the project catalog and
 * the job records, as documents of {@code <prefix>--projects} and {@code <prefix>--jobs}. One
 * background thread keeps this process's unfinished job records alive every third of {@code ttl}, so a
 * record left unfinished by a replica that died expires within {@code ttl} and reads as interrupted.
 */
public final class ReplicaRecords implements Closeable {

    private final OpenSearchConnection connection;
    private final Duration ttl;
    private final Clock clock;
    private final Set<OpenSearchJobLog> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService heartbeat;

    public ReplicaRecords(OpenSearchConnection connection, Duration ttl, Clock clock) {
        this.connection = connection;
        this.ttl = ttl;
        this.clock = clock;
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "doc-serve-job-heartbeat");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, ttl.toMillis() / 3);
        heartbeat.scheduleWithFixedDelay(() -> open.forEach(OpenSearchJobLog::heartbeat), every, every, TimeUnit.MILLISECONDS);
    }

    public ProjectCatalog catalog() {
        return new OpenSearchProjectCatalog(connection);
    }

    public JobLog jobLog(String projectId) {
        return new OpenSearchJobLog(connection, projectId, ttl, clock, open);
    }

    @Override
    public void close() {
        heartbeat.shutdownNow();
    }
}
