package dev.docserve.index.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.index.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.json.AtomicFiles;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.FakeEmbedder;
import dev.langchain4j.model.TokenCountEstimator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexJobQueueTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path project;
    @TempDir
    Path data;

    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch embedding = new CountDownLatch(1);
    private ProjectIndex index;
    private IndexJobQueue queue;

    @AfterEach
    void close() throws Exception {
        gate.countDown();
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
        start(new FakeEmbedder("fake", 16), new Semaphore(1));

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
    void shouldKeepRecordsAcrossRestartAndReportInterruptedJobs() throws Exception {
        writeNotes(1);
        start(new FakeEmbedder("fake", 16), new Semaphore(1));
        JobRecord done = awaitFinished(queue.submit(IndexRequest.of(project), "index").jobId());
        queue.close();
        JobRecord wasRunning = new JobRecord("job_00000000abcd", "index", JobStatus.RUNNING,
                JobRequest.of(IndexRequest.of(project)), Instant.now(), Instant.now(), null, JobProgress.NONE, null, null);
        AtomicFiles.writeJson(data.resolve("jobs/job_00000000abcd.json"), wasRunning, false);

        queue = new IndexJobQueue(index, new JobStore(data.resolve("jobs")), new Semaphore(1), Clock.systemUTC());

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
        Semaphore noSlot = new Semaphore(0);
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
        start(new GatedEmbedder(new FakeEmbedder("fake", 16), embedding, gate), new Semaphore(1));
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
    void shouldFailAJobWhoseFolderVanished() throws IOException {
        start(new FakeEmbedder("fake", 16), new Semaphore(1));

        JobRecord failed = awaitFinished(queue.submit(IndexRequest.of(project.resolve("gone")), "index").jobId());

        assertThat(failed.status()).isEqualTo(JobStatus.FAILED);
        assertThat(failed.error()).contains("gone");
    }

    private void start(Embedder embedder, Semaphore slots) throws IOException {
        index = ProjectIndex.open(project, data, embedder);
        queue = new IndexJobQueue(index, new JobStore(data.resolve("jobs")), slots, Clock.systemUTC());
    }

    private JobRecord awaitFinished(String jobId) {
        return Eventually.await("job " + jobId + " finished", WAIT,
                () -> queue.get(jobId).filter(j -> j.status().isFinished()).orElse(null));
    }

    private void writeNotes(int count) throws IOException {
        for (int i = 0; i < count; i++) {
            Files.writeString(project.resolve("note" + i + ".md"), "# Note " + i + "\ntext " + i);
        }
    }

    /** Blocks every embedding call until the gate opens: holds a job in its running state. */
    private record GatedEmbedder(Embedder delegate, CountDownLatch reached, CountDownLatch gate) implements Embedder {
        @Override
        public String modelName() {
            return delegate.modelName();
        }

        @Override
        public int dimension() {
            return delegate.dimension();
        }

        @Override
        public int maxInputTokens() {
            return delegate.maxInputTokens();
        }

        @Override
        public TokenCountEstimator tokenCounter() {
            return delegate.tokenCounter();
        }

        @Override
        public List<float[]> embedDocuments(List<String> texts) {
            reached.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.embedDocuments(texts);
        }

        @Override
        public float[] embedQuery(String text) {
            return delegate.embedQuery(text);
        }
    }
}
