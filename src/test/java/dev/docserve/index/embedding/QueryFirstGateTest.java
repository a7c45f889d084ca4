package dev.docserve.index.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.testing.Eventually;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.HuggingFaceTokenCountEstimator;
import dev.langchain4j.model.output.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class QueryFirstGateTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration FOREVER = Duration.ofHours(1);

    @Test
    void shouldLetBackgroundWorkRunAtOnceWhenNoQueryIsInFlight() throws InterruptedException {
        QueryFirstGate gate = new QueryFirstGate(Duration.ZERO, FOREVER);

        Thread worker = background(gate::yieldToQueries);

        worker.join(WAIT.toMillis());
        assertThat(worker.isAlive()).as("a pause of an hour would keep it waiting").isFalse();
    }

    @Test
    void shouldHoldBackgroundWorkWhileAQueryRunsAndReleaseItWhenTheQueryEnds() throws InterruptedException {
        QueryFirstGate gate = new QueryFirstGate(Duration.ZERO, FOREVER);
        AtomicBoolean ran = new AtomicBoolean();
        QueryFirstGate.Pass query = gate.beginQuery();

        Thread worker = background(() -> gate.yielding(Runnable::run).execute(() -> ran.set(true)));
        awaitParked(worker);

        assertThat(ran).isFalse();
        assertThat(gate.queriesInFlight()).isEqualTo(1);
        query.close();
        worker.join(WAIT.toMillis());
        assertThat(ran).isTrue();
        assertThat(gate.queriesInFlight()).isZero();
    }

    @Test
    void shouldWaitForEveryQueryInFlightNotJustTheFirst() throws InterruptedException {
        QueryFirstGate gate = new QueryFirstGate(Duration.ZERO, FOREVER);
        QueryFirstGate.Pass first = gate.beginQuery();
        QueryFirstGate.Pass second = gate.beginQuery();
        Thread worker = background(gate::yieldToQueries);
        awaitParked(worker);

        first.close();
        awaitParked(worker);
        assertThat(worker.isAlive()).isTrue();
        second.close();

        worker.join(WAIT.toMillis());
        assertThat(worker.isAlive()).isFalse();
    }

    @Test
    void shouldBoundThePauseSoIndexingAdvancesUnderAConstantStreamOfQueries() throws InterruptedException {
        QueryFirstGate gate = new QueryFirstGate(Duration.ZERO, Duration.ofMillis(50));
        QueryFirstGate.Pass neverEnds = gate.beginQuery();

        Thread worker = background(gate::yieldToQueries);

        worker.join(WAIT.toMillis());
        assertThat(worker.isAlive()).isFalse();
        neverEnds.close();
    }

    @Test
    void shouldNeverHoldUpWorkWhenDisabled() throws InterruptedException {
        QueryFirstGate gate = QueryFirstGate.never();
        QueryFirstGate.Pass query = gate.beginQuery();

        Thread worker = background(gate::yieldToQueries);

        worker.join(WAIT.toMillis());
        assertThat(worker.isAlive()).isFalse();
        query.close();
    }

    @Test
    void shouldKeepDocumentEmbeddingOfTheModelWaitingWhileAQueryOfTheSameEmbedderRuns() throws InterruptedException {
        CountDownLatch modelCalled = new CountDownLatch(1);
        EmbeddingModel model = new EmbeddingModel() {
            @Override
            public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
                modelCalled.countDown();
                return Response.from(segments.stream().map(s -> Embedding.from(new float[] {1, 0})).toList());
            }
        };
        QueryFirstGate gate = new QueryFirstGate(Duration.ZERO, FOREVER);
        LangChain4jEmbedder embedder = new LangChain4jEmbedder(ModelCatalog.lookup(ModelCatalog.MINILM).orElseThrow(),
                () -> model, HuggingFaceTokenCountEstimator::new, gate);
        QueryFirstGate.Pass query = embedder.beginQuery();

        Thread indexing = background(() -> embedder.embedDocuments(List.of("a chunk")));
        awaitParked(indexing);

        assertThat(modelCalled.getCount()).isEqualTo(1);
        query.close();
        indexing.join(WAIT.toMillis());
        assertThat(modelCalled.getCount()).isZero();
    }

    private static Thread background(Runnable work) {
        Thread thread = new Thread(work, "background-embedding");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void awaitParked(Thread thread) {
        Eventually.await(thread.getName() + " waiting at the gate", WAIT,
                () -> thread.getState() == Thread.State.TIMED_WAITING || thread.getState() == Thread.State.WAITING);
    }
}
