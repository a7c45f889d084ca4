package dev.docserve.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.index.CancellationToken;
import dev.docserve.index.IndexProgressListener;
import dev.docserve.corpus.IndexRequest;
import dev.docserve.index.ProjectIndex;
import dev.docserve.index.embedding.Embedder;
import dev.docserve.index.embedding.QueryFirstGate;
import dev.docserve.testing.FakeEmbedder;
import dev.docserve.testing.ForwardingEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A search holds background embedding back for its whole length, whatever its mode. */
class QueryPriorityTest {

    @TempDir
    Path project;
    @TempDir
    Path data;

    @Test
    void shouldMarkEverySearchInFlightWhileItEmbedsTheQuery() throws Exception {
        Files.writeString(project.resolve("tea.md"), "# Tea\nGreen tea is brewed at 80 degrees.");
        QueryFirstGate gate = new QueryFirstGate(Duration.ZERO, Duration.ZERO);
        RecordingEmbedder embedder = new RecordingEmbedder(new FakeEmbedder("fake", 16), gate);
        try (ProjectIndex index = ProjectIndex.open(project, data, embedder)) {
            index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

            for (SearchMode mode : List.of(SearchMode.VECTOR, SearchMode.HYBRID)) {
                assertThat(index.query(SearchRequest.of("green tea").withMode(mode)).results()).isNotEmpty();
            }
        }

        assertThat(embedder.inFlightAtEachQuery).containsExactly(1, 1);
        assertThat(gate.queriesInFlight()).isZero();
    }

    /** Records how many searches the gate counts while the model embeds each query. */
    private static final class RecordingEmbedder extends ForwardingEmbedder {
        private final QueryFirstGate gate;
        private final List<Integer> inFlightAtEachQuery = new CopyOnWriteArrayList<>();

        RecordingEmbedder(Embedder delegate, QueryFirstGate gate) {
            super(delegate);
            this.gate = gate;
        }

        @Override
        public float[] embedQuery(String text) {
            inFlightAtEachQuery.add(gate.queriesInFlight());
            return super.embedQuery(text);
        }

        @Override
        public QueryFirstGate.Pass beginQuery() {
            return gate.beginQuery();
        }
    }
}
