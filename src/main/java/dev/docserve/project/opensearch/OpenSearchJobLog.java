package dev.docserve.project.opensearch;

import dev.docserve.index.ProjectIndex;
import dev.docserve.index.jobs.JobLog;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.index.jobs.JobStatus;
import dev.docserve.index.jobs.ReplicaJob;
import dev.docserve.json.Json;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;
import org.opensearch.client.opensearch._types.FieldValue;
import org.opensearch.client.opensearch._types.OpType;
import org.opensearch.client.opensearch._types.Refresh;
import org.opensearch.client.opensearch._types.SortOrder;
import org.opensearch.client.opensearch.core.search.Hit;

/**
 * One project's job records as documents of {@code <prefix>--jobs} (id = {@code job_id}), so that
 * every replica lists every replica's jobs. Each document carries its job, the replica that owns it
 * and an {@code expires_at} that the owner pushes forward while the job is unfinished: at each write
 * (progress goes out at the commit cadence, not per chunk) and at each {@link #heartbeat()}. A reader
 * past {@code expires_at} of an unfinished job knows its replica died ({@link ReplicaJob#asSeenAt}).
 *
 * <p>Only the owner writes a job's document, and its first write uses {@code op_type=create}, so a job
 * id that another replica already used is refused instead of overwritten. A replica takes over no
 * record at start ({@link #loadAll()} is empty): another replica's unfinished job stays its own until
 * its record expires. Only the newest {@value #KEEP} records of a project are read; older ones stay in
 * the index (they are small) until the project's records are deleted with the index.
 */
final class OpenSearchJobLog implements JobLog {

    static final int KEEP = 100;
    private static final Logger LOG = Logger.getLogger(OpenSearchJobLog.class);

    private final OpenSearchConnection connection;
    private final String index;
    private final String projectId;
    private final Duration ttl;
    private final Clock clock;
    /** The logs the heartbeat keeps alive; this one leaves it when its project closes. */
    private final Set<OpenSearchJobLog> alive;
    /** This replica's unfinished jobs, kept alive by {@link #heartbeat()}. */
    private final Map<String, JobRecord> unfinished = new LinkedHashMap<>();

    OpenSearchJobLog(OpenSearchConnection connection, String projectId, Duration ttl, Clock clock,
                    Set<OpenSearchJobLog> alive) {
        this.connection = connection;
        this.index = connection.settings().jobsIndex();
        this.projectId = projectId;
        this.ttl = ttl;
        this.clock = clock;
        this.alive = alive;
        alive.add(this);
    }

    /** Serialised with {@link #heartbeat()}: a heartbeat never writes an older state over a newer one. */
    @Override
    public synchronized void save(JobRecord job) {
        boolean first = job.status() == JobStatus.PENDING && !unfinished.containsKey(job.jobId());
        try {
            connection.ensureIndex(index, c -> c.mappings(m -> m
                    .properties("project_id", p -> p.keyword(k -> k))
                    .properties("created_at", p -> p.long_(l -> l))));
            Map<String, Object> document = Map.of("project_id", projectId, "owner", connection.owner(),
                    "created_at", job.createdAt().toEpochMilli(), "expires_at", clock.instant().plus(ttl).toEpochMilli(),
                    "job", Json.mapper().convertValue(job, Map.class));
            connection.client().index(r -> {
                r.index(index).id(job.jobId()).refresh(Refresh.True).document(document);
                return first ? r.opType(OpType.Create) : r;
            });
        } catch (IOException | RuntimeException e) {
            var unavailable = connection.unavailable("recording job " + job.jobId(), e);
            throw new UncheckedIOException(unavailable.getMessage(), unavailable);
        }
        if (job.status().isFinished()) {
            unfinished.remove(job.jobId());
        } else {
            unfinished.put(job.jobId(), job);
        }
    }

    /** Pushes the expiry of this replica's unfinished jobs forward (a pending job writes nothing else while it waits). */
    synchronized void heartbeat() {
        for (JobRecord job : List.copyOf(unfinished.values())) {
            try {
                save(job);
            } catch (UncheckedIOException e) {
                LOG.warnf("cannot keep job %s alive in the cluster: %s", job.jobId(), e.getMessage());
            }
        }
    }

    @Override
    public List<JobRecord> loadAll() {
        return List.of();
    }

    @Override
    public void prune(List<JobRecord> oldestFirst) {
        // Nothing to prune at start: this replica took over no record (see loadAll); reads are bounded by KEEP.
    }

    @Override
    public List<ReplicaJob> others() {
        List<ReplicaJob> jobs = new ArrayList<>();
        try {
            if (!connection.client().indices().exists(e -> e.index(index)).value()) {
                return jobs;
            }
            var found = connection.client().search(s -> s.index(index).size(KEEP)
                    .query(q -> q.term(t -> t.field("project_id").value(FieldValue.of(projectId))))
                    .sort(o -> o.field(f -> f.field("created_at").order(SortOrder.Desc))), Map.class);
            for (Hit<Map> hit : found.hits().hits()) {
                Map<?, ?> source = hit.source();
                if (source == null || connection.owner().equals(source.get("owner"))) {
                    continue;
                }
                JobRecord job = Json.mapper().convertValue(source.get("job"), JobRecord.class);
                jobs.add(new ReplicaJob(job, String.valueOf(source.get("owner")),
                        Instant.ofEpochMilli(((Number) source.get("expires_at")).longValue())));
            }
        } catch (IOException | RuntimeException e) {
            var unavailable = connection.unavailable("reading the jobs of " + projectId, e);
            throw new UncheckedIOException(unavailable.getMessage(), unavailable);
        }
        return jobs;
    }

    @Override
    public Duration progressEvery() {
        return ProjectIndex.COMMIT_EVERY;
    }

    @Override
    public void close() {
        alive.remove(this);
    }
}
