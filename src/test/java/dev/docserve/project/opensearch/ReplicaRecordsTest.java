package dev.docserve.project.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.index.jobs.JobLog;
import dev.docserve.index.jobs.JobProgress;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.index.jobs.JobRequest;
import dev.docserve.index.jobs.JobStatus;
import dev.docserve.index.jobs.ReplicaJob;
import dev.docserve.project.catalog.ProjectCatalog;
import dev.docserve.project.catalog.ProjectRecord;
import dev.docserve.search.store.StorageUnavailableException;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import dev.docserve.search.store.opensearch.OpenSearchSettings;
import dev.docserve.testing.OpenSearchNode;
import dev.docserve.testing.Ports;
import dev.docserve.testing.WithOpenSearch;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The records replicas share through the cluster, on a real node: each "replica" here is its own
 * connection (its own owner), as two daemons on two machines would be.
 */
@ExtendWith(WithOpenSearch.class)
class ReplicaRecordsTest {

    private static final Duration SHORT_TTL = Duration.ofSeconds(2);

    private final List<AutoCloseable> opened = new ArrayList<>();
    private OpenSearchSettings settings;

    @BeforeEach
    void prefix(OpenSearchNode node) {
        settings = new OpenSearchSettings(node.url(), Optional.empty(), Optional.empty(),
                "replicas-" + UUID.randomUUID().toString().substring(0, 8));
    }

    @AfterEach
    void close() throws Exception {
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close(); // records before their connection
        }
    }

    @Test
    void shouldKeepExactlyOneRegistrationWhenReplicasRegisterTheSameProjectAtOnce() throws Exception {
        int replicas = 6;
        List<ProjectCatalog> catalogs = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            catalogs.add(replica(Duration.ofMinutes(2)).catalog());
        }
        ExecutorService pool = Executors.newFixedThreadPool(replicas);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ProjectRecord>> answers = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            ProjectCatalog catalog = catalogs.get(i);
            Instant at = Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i);
            answers.add(pool.submit(() -> {
                go.await();
                return catalog.register(ProjectRecord.of("p_0badcafe", Path.of("/src/alpha"), at));
            }));
        }
        go.countDown();
        List<ProjectRecord> records = new ArrayList<>();
        for (Future<ProjectRecord> answer : answers) {
            records.add(answer.get());
        }
        pool.shutdown();

        assertThat(records).as("every replica is told the one registration that won").containsOnly(records.get(0));
        assertThat(catalogs.get(replicas - 1).loadAll()).containsExactly(records.get(0));
    }

    @Test
    void shouldShowARegistrationToEveryReplicaUntilOneUnregistersIt() {
        ProjectCatalog first = replica(Duration.ofMinutes(2)).catalog();
        ProjectCatalog second = replica(Duration.ofMinutes(2)).catalog();
        ProjectRecord alpha = first.register(ProjectRecord.of("p_00000001", Path.of("/src/alpha"), Instant.now()));

        assertThat(second.find("p_00000001")).contains(alpha);
        assertThat(second.loadAll()).containsExactly(alpha);

        second.unregister("p_00000001");
        assertThat(first.find("p_00000001")).isEmpty();
        assertThat(first.loadAll()).isEmpty();
        second.unregister("p_00000001"); // already gone: not an error
    }

    @Test
    void shouldShowAJobOfOneReplicaToTheOtherWithItsProgressAndFinalState() {
        JobLog onA = replica(Duration.ofMinutes(2)).jobLog("p_00000002");
        JobLog onB = replica(Duration.ofMinutes(2)).jobLog("p_00000002");
        JobLog otherProject = replica(Duration.ofMinutes(2)).jobLog("p_00000003");
        JobRecord pending = job("job_0000000000a1", JobStatus.PENDING, JobProgress.NONE);
        onA.save(pending);
        JobRecord running = job("job_0000000000a1", JobStatus.RUNNING, new JobProgress("embedding", 10, 4, 40, 100, 40));
        onA.save(running);

        assertThat(onA.others()).as("a replica's own jobs are not 'others'").isEmpty();
        assertThat(otherProject.others()).as("another project's jobs are not listed").isEmpty();
        ReplicaJob seen = onB.others().get(0);
        assertThat(seen.asSeenAt(Instant.now())).isEqualTo(running);

        JobRecord done = job("job_0000000000a1", JobStatus.DONE, new JobProgress("done", 10, 10, 100, 100, 100));
        onA.save(done);
        assertThat(onB.others()).extracting(ReplicaJob::job).containsExactly(done);
    }

    @Test
    void shouldReportTheUnfinishedJobOfAReplicaThatStoppedAsInterruptedOnceItsRecordExpires() throws Exception {
        ReplicaRecords dying = replica(SHORT_TTL);
        JobLog onA = dying.jobLog("p_00000004");
        JobLog onB = replica(SHORT_TTL).jobLog("p_00000004");
        onA.save(job("job_0000000000b1", JobStatus.RUNNING, JobProgress.NONE));

        Thread.sleep(SHORT_TTL.multipliedBy(2).toMillis());
        assertThat(onB.others().get(0).asSeenAt(Instant.now()).status())
                .as("kept alive by its replica's heartbeat beyond the TTL").isEqualTo(JobStatus.RUNNING);

        dying.close(); // the replica dies: nobody pushes the expiry forward any more
        Thread.sleep(SHORT_TTL.plusMillis(500).toMillis());
        JobRecord seen = onB.others().get(0).asSeenAt(Instant.now());
        assertThat(seen.status()).isEqualTo(JobStatus.FAILED);
        assertThat(seen.error()).startsWith("interrupted: the replica that ran it").contains("index the folder again");
    }

    @Test
    void shouldRefuseToOverwriteAJobIdAnotherReplicaAlreadyUses() {
        JobLog onA = replica(Duration.ofMinutes(2)).jobLog("p_00000005");
        JobLog onB = replica(Duration.ofMinutes(2)).jobLog("p_00000005");
        onA.save(job("job_0000000000c1", JobStatus.PENDING, JobProgress.NONE));

        assertThatThrownBy(() -> onB.save(job("job_0000000000c1", JobStatus.PENDING, JobProgress.NONE)))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("409");
    }

    @Test
    void shouldSayWhichClusterToCheckWhenItCannotBeReached() {
        String nowhere = "http://127.0.0.1:" + Ports.free();
        OpenSearchConnection down = connection(new OpenSearchSettings(URI.create(nowhere), Optional.empty(), Optional.empty(), "x"));
        ReplicaRecords records = track(new ReplicaRecords(down, SHORT_TTL, Clock.systemUTC()));

        assertThatThrownBy(() -> records.catalog().loadAll()).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining(nowhere).hasMessageContaining("doc-serve.opensearch.url");
        assertThatThrownBy(() -> records.jobLog("p_1").save(job("job_0000000000d1", JobStatus.PENDING, JobProgress.NONE)))
                .hasCauseInstanceOf(StorageUnavailableException.class).hasMessageContaining(nowhere);
    }

    private ReplicaRecords replica(Duration ttl) {
        return track(new ReplicaRecords(connection(settings), ttl, Clock.systemUTC()));
    }

    private OpenSearchConnection connection(OpenSearchSettings of) {
        return track(new OpenSearchConnection(of));
    }

    private <T extends AutoCloseable> T track(T closeable) {
        opened.add(closeable);
        return closeable;
    }

    private static JobRecord job(String id, JobStatus status, JobProgress progress) {
        Instant created = Instant.parse("2026-11-27T10:00:00Z");
        return new JobRecord(id, "index", status, new JobRequest("/src/alpha/docs", 512, 50, true, false, List.of(),
                List.of(), List.of(), false, false), created, status == JobStatus.PENDING ? null : created.plusSeconds(1),
                status.isFinished() ? created.plusSeconds(9) : null, progress, null, null, null);
    }
}
