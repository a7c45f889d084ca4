package dev.docserve.index.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.json.AtomicFiles;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.FakeEmbedder;
import dev.docserve.testing.GatedEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexJobQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path project;
    @TempDir
    Path data;
    @TempDir
    Path projectB;
    @TempDir
    Path dataB;
    @TempDir
    Path projectC;
    @TempDir
    Path dataC;

    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch embedding = new CountDownLatch(1);
    private ProjectIndex index;
    private IndexJobQueue queue;
    private final List<AutoCloseable> others = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        gate.countDown();
        for (AutoCloseable other : others) {
            other.close();
        }
        if (queue != null) {
            queue.close();
        }
        if (index != null) {
            index.close();
        }
    }

    @Test
    void shouldRunJobsInSubmissionOrderOneAtATime() throws IOException {
        writeNotes(3);
        start(new FakeEmbedder("fake", 16), new IndexingSlots(1));

        JobRecord first = queue.submit(IndexRequest.of(project), "index");
        JobRecord second = queue.submit(IndexRequest.of(project).withForce(true), "add");

        assertThat(first.status()).isEqualTo(JobStatus.PENDING);
        JobRecord secondDone = awaitFinished(second.jobId());
        JobRecord firstDone = queue.get(first.jobId()).orElseThrow();
        assertThat(firstDone.status()).isEqualTo(JobStatus.DONE);
        assertThat(secondDone.status()).isEqualTo(JobStatus.DONE);
        assertThat(firstDone.finishedAt()).isBeforeOrEqualTo(secondDone.startedAt());
        assertThat(firstDone.report().filesIndexed()).isEqualTo(3);
        assertThat(firstDone.progress().percent()).isEqualTo(100);
        assertThat(secondDone.operation()).isEqualTo("add");
        assertThat(queue.list()).extracting(JobRecord::jobId).containsExactly(second.jobId(), first.jobId());
    }

    @Test
    void aJobShouldBeCountedDoneBeforeItReadsAsDoneAndBeforeTheListenersHearOfIt() throws IOException {
        writeNotes(2);
        start(new FakeEmbedder("fake", 16), new IndexingSlots(1));
        java.util.List<Long> countHeardByListener = new java.util.concurrent.CopyOnWriteArrayList<>();
        queue.onJobFinished(job -> countHeardByListener.add(queue.doneJobs()));

        assertThat(queue.doneJobs()).isZero();
        JobRecord done = awaitFinished(queue.submit(IndexRequest.of(project), "index").jobId());
        long countWhenDone = queue.doneJobs();

        assertThat(done.status()).isEqualTo(JobStatus.DONE);
        assertThat(countWhenDone).isEqualTo(1);
        Eventually.await("the listener heard of the done job", WAIT, () -> countHeardByListener.isEmpty() ? null : true);
        assertThat(countHeardByListener.get(0)).isEqualTo(1);
    }

    @Test
    void shouldKeepRecordsAcrossRestartAndReportInterruptedJobs() throws Exception {
        writeNotes(1);
        start(new FakeEmbedder("fake", 16), new IndexingSlots(1));
        JobRecord done = awaitFinished(queue.submit(IndexRequest.of(project), "index").jobId());
        queue.close();
        JobRecord wasRunning = new JobRecord("job_00000000abcd", "index", JobStatus.RUNNING,
                JobRequest.of(IndexRequest.of(project)), Instant.now(), Instant.now(), null, JobProgress.NONE, null, null, null);
        AtomicFiles.writeJson(data.resolve("jobs/job_00000000abcd.json"), wasRunning, false);

        queue = new IndexJobQueue(index, new JobStore(data.resolve("jobs")), new IndexingSlots(1), Clock.systemUTC());

        assertThat(queue.get(done.jobId())).hasValueSatisfying(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.DONE);
            assertThat(j.report().filesIndexed()).isEqualTo(1);
        });
        assertThat(queue.get("job_00000000abcd")).hasValueSatisfying(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.FAILED);
            assertThat(j.error()).contains("interrupted");
        });
        assertThat(Files.readString(data.resolve("jobs/job_00000000abcd.json"))).contains("\"status\" : \"failed\"");
        assertThat(queue.isBusy()).isFalse();
    }

    @Test
    void shouldCancelAPendingJobBeforeItStarts() throws IOException {
        writeNotes(1);
        IndexingSlots noSlot = new IndexingSlots(0);
        start(new FakeEmbedder("fake", 16), noSlot);
        JobRecord waiting = queue.submit(IndexRequest.of(project), "index");

        JobRecord cancelled = queue.cancel(waiting.jobId()).orElseThrow();
        noSlot.release();

        assertThat(cancelled.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(awaitFinished(queue.submit(IndexRequest.of(project), "index").jobId()).status()).isEqualTo(JobStatus.DONE);
        assertThat(queue.get(waiting.jobId()).orElseThrow().status()).isEqualTo(JobStatus.CANCELLED);
    }

    @Test
    void shouldCancelARunningJobKeepingTheFilesItFinished() throws IOException {
        writeNotes(100);
        start(new GatedEmbedder(new FakeEmbedder("fake", 16), embedding, gate), new IndexingSlots(1));
        JobRecord job = queue.submit(IndexRequest.of(project), "index");
        Eventually.await("first batch at the model", WAIT, () -> embedding.getCount() == 0);
        assertThat(queue.running()).hasValueSatisfying(j -> assertThat(j.jobId()).isEqualTo(job.jobId()));

        queue.cancel(job.jobId());
        gate.countDown();

        JobRecord finished = awaitFinished(job.jobId());
        assertThat(finished.status()).isEqualTo(JobStatus.CANCELLED);
        assertThat(finished.error()).contains("cancelled");
        assertThat(index.status().totalDocuments()).isBetween(1, 99);
    }

    @Test
    void shouldQueueProjectsForOneSlotFirstComeFirstServedAndShowEachPendingJobsPosition() throws IOException {
        writeNotes(3);
        IndexingSlots oneSlot = new IndexingSlots(1);
        start(new GatedEmbedder(new FakeEmbedder("fake", 16), embedding, gate), oneSlot);
        IndexJobQueue b = otherProject(projectB, dataB, oneSlot);
        IndexJobQueue c = otherProject(projectC, dataC, oneSlot);

        JobRecord a1 = queue.submit(IndexRequest.of(project), "index");
        Eventually.await("a1 at the model", WAIT, () -> embedding.getCount() == 0);
        JobRecord b1 = b.submit(IndexRequest.of(projectB), "index");
        Eventually.await("b1 waiting for the slot", WAIT, () -> oneSlot.position(b1.jobId()).isPresent());
        JobRecord b2 = b.submit(IndexRequest.of(projectB).withForce(true), "index");
        JobRecord c1 = c.submit(IndexRequest.of(projectC), "index");
        Eventually.await("c1 waiting for the slot", WAIT, () -> oneSlot.position(c1.jobId()).isPresent());

        assertThat(queue.get(a1.jobId()).orElseThrow().queuePosition()).isNull();
        assertThat(b.get(b1.jobId()).orElseThrow().queuePosition()).isEqualTo(1);
        assertThat(c.get(c1.jobId()).orElseThrow().queuePosition()).isEqualTo(2);
        // b2 joins the wait only when b1 has run, so behind c1, which is already waiting.
        assertThat(b.list()).extracting(JobRecord::jobId, JobRecord::queuePosition)
                .containsExactly(tuple(b2.jobId(), 3), tuple(b1.jobId(), 1));

        gate.countDown();
        JobRecord b2Done = awaitFinished(b, b2.jobId());
        JobRecord b1Done = awaitFinished(b, b1.jobId());
        JobRecord c1Done = awaitFinished(c, c1.jobId());
        assertThat(List.of(b1Done, c1Done, b2Done)).allSatisfy(j -> {
            assertThat(j.status()).isEqualTo(JobStatus.DONE);
            assertThat(j.queuePosition()).isNull();
        });
        assertThat(awaitFinished(queue, a1.jobId()).finishedAt()).isBeforeOrEqualTo(b1Done.startedAt());
        assertThat(b1Done.finishedAt()).isBeforeOrEqualTo(c1Done.startedAt());
        assertThat(c1Done.finishedAt()).isBeforeOrEqualTo(b2Done.startedAt());
    }

    @Test
    void shouldNumberJobsBehindTheRunningJobOfTheSameProject() throws IOException {
        writeNotes(3);
        start(new GatedEmbedder(new FakeEmbedder("fake", 16), embedding, gate), new IndexingSlots(1));
        JobRecord running = queue.submit(IndexRequest.of(project), "index");
        Eventually.await("the first job at the model", WAIT, () -> embedding.getCount() == 0);

        JobRecord second = queue.submit(IndexRequest.of(project).withForce(true), "index");
        JobRecord third = queue.submit(IndexRequest.of(project).withForce(true), "add");

        assertThat(second.queuePosition()).isEqualTo(1);
        assertThat(third.queuePosition()).isEqualTo(2);
        assertThat(queue.get(running.jobId()).orElseThrow().queuePosition()).isNull();
        queue.cancel(second.jobId());
        assertThat(queue.get(third.jobId()).orElseThrow().queuePosition()).isEqualTo(1);
        gate.countDown();
        assertThat(awaitFinished(queue, third.jobId()).status()).isEqualTo(JobStatus.DONE);
    }

    @Test
    void shouldFailAJobWhoseFolderVanished() throws IOException {
        start(new FakeEmbedder("fake", 16), new IndexingSlots(1));

        JobRecord failed = awaitFinished(queue.submit(IndexRequest.of(project.resolve("gone")), "index").jobId());

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).contains("gone");
    }

    private void start(Embedder embedder, IndexingSlots slots) throws IOException {
        index = ProjectIndex.open(project, data, embedder);
        queue = new IndexJobQueue(index, new JobStore(data.resolve("jobs")), slots, Clock.systemUTC());
    }

    private JobRecord awaitFinished(String jobId) {
        return awaitFinished(queue, jobId);
    }

    private static JobRecord awaitFinished(IndexJobQueue jobs, String jobId) {
        return Eventually.await("job " + jobId + " finished", WAIT,
                () -> jobs.get(jobId).filter(j -> j.status().isFinished()).orElse(null));
    }

    /** Another project with one note, sharing {@code slots}; closed after the test. */
    private IndexJobQueue otherProject(Path root, Path dataDir, IndexingSlots slots) throws IOException {
        Files.writeString(root.resolve("note.md"), "# Note\ntext");
        ProjectIndex other = ProjectIndex.open(root, dataDir, new FakeEmbedder("fake", 16));
        IndexJobQueue jobs = new IndexJobQueue(other, new JobStore(dataDir.resolve("jobs")), slots, Clock.systemUTC());
        others.add(jobs);
        others.add(other);
        return jobs;
    }

    private void writeNotes(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Files.writeString(project.resolve("note" + i + ".md"), "# Note " + i + "\ntext " + i);
        }
    }
}
