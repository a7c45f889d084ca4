package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.search.store.opensearch.OpenSearchChunkStore;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import dev.docserve.search.store.opensearch.OpenSearchSettings;
import dev.docserve.testing.OpenSearchNode;
import dev.docserve.testing.Ports;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.docserve.testing.WithOpenSearch;

/**
 * The backend contract on a real OpenSearch node (see {@link OpenSearchNode}; skipped without the
 * {@code opensearch} profile), plus what only this backend has to prove.
 */
@ExtendWith(WithOpenSearch.class)
class OpenSearchChunkStoreTest extends ChunkStoreContract {

    private OpenSearchConnection connection;
    private String index;

    @BeforeEach
    void connect(OpenSearchNode node) {
        connection = new OpenSearchConnection(new OpenSearchSettings(node.url(), Optional.empty(), Optional.empty(), "contract"));
        index = "contract-" + UUID.randomUUID();
    }

    @AfterEach
    void disconnect() throws IOException {
        if (connection != null) {
            connection.close();
        }
    }

    @Override
    protected ChunkStore openStorage() {
        return new OpenSearchChunkStore(connection, index);
    }

    @Test
    void shouldRecreateTheIndexWhenARebuildChangesTheVectorWidth() throws IOException {
        ChunkStore store = open();
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha")));
        store.commit(MANIFEST);

        store.deleteAll();
        float[] wide = new float[8];
        wide[0] = 1;
        store.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha", "doc", "markdown", wide)));
        IndexManifest eight = new IndexManifest(IndexManifest.SCHEMA_VERSION, "other", 8, 256, 0, List.of(), null);
        store.commit(eight);

        assertThat(store.manifest()).hasValue(eight);
        assertThat(nearest(store, wide, 1, ChunkFilter.NONE)).hasSize(1);
    }

    @Test
    void shouldLetOnlyOneReplicaWriteAProjectAtATime() throws IOException {
        ChunkStore first = open();
        try (OpenSearchConnection replica = new OpenSearchConnection(connection.settings())) {
            ChunkStore second = new OpenSearchChunkStore(replica, index);

            WriteClaim claim = first.claimWriter();
            assertThatThrownBy(second::claimWriter).isInstanceOf(StoreBusyException.class)
                    .hasMessageContaining("another doc-serve replica").hasMessageContaining("retry");

            claim.close();
            try (WriteClaim next = second.claimWriter()) {
                assertThat(next).isNotNull();
            }
        }
    }

    @Test
    void shouldTakeOverAnExpiredLeaseAndStopTheWriterThatLostIt() throws IOException {
        ChunkStore stalled = open();
        WriteClaim stale = stalled.claimWriter();
        stalled.replaceFile(file("a.md", 1), List.of(chunk("a.md", 0, "alpha")));
        try (OpenSearchConnection replica = new OpenSearchConnection(connection.settings())) {
            // The other replica's clock reads three minutes later: the two-minute lease has expired for it.
            ChunkStore later = new OpenSearchChunkStore(replica, index, OpenSearchChunkStore.LEASE_TTL,
                    Clock.offset(Clock.systemUTC(), Duration.ofMinutes(3)));
            try (WriteClaim taken = later.claimWriter()) {
                assertThatThrownBy(() -> stalled.commit(MANIFEST)).isInstanceOf(StoreBusyException.class)
                        .hasMessageContaining("took it over");
                assertThat(stalled.committedFiles()).as("the writer that lost its lease wrote nothing").isEmpty();
            }
        }
        stale.close();
    }

    @Test
    void shouldNameTheClusterAndWhatToCheckWhenItCannotBeReached() throws IOException {
        URI nowhere = URI.create("http://127.0.0.1:" + Ports.free());
        try (OpenSearchConnection down = new OpenSearchConnection(new OpenSearchSettings(nowhere, Optional.empty(),
                Optional.empty(), "contract"))) {
            ChunkStore store = new OpenSearchChunkStore(down, index);

            assertThatThrownBy(store::counts).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining(nowhere.toString()).hasMessageContaining("cannot be reached")
                    .hasMessageContaining("doc-serve.opensearch.url");
            assertThatThrownBy(down::check).isInstanceOf(StorageUnavailableException.class);
        }
    }
}
