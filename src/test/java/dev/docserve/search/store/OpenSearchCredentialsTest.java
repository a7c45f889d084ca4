package dev.docserve.search.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.search.store.opensearch.OpenSearchChunkStore;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import dev.docserve.search.store.opensearch.OpenSearchSettings;
import dev.docserve.testing.BasicAuthProxy;
import dev.docserve.testing.OpenSearchNode;
import dev.docserve.testing.WithOpenSearch;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code doc-serve.opensearch.username} and {@code password} against a cluster that demands them. */
@ExtendWith(WithOpenSearch.class)
class OpenSearchCredentialsTest {

    private static final String PASSWORD = "s3cret:with-colon";

    private BasicAuthProxy cluster;
    private OpenSearchConnection connection;

    @BeforeEach
    void guardTheNode(OpenSearchNode node) throws IOException {
        cluster = new BasicAuthProxy(node.url(), "doc-serve", PASSWORD);
    }

    @AfterEach
    void close() throws IOException {
        if (connection != null) {
            connection.close();
        }
        cluster.close();
    }

    private ChunkStore storeWithPassword(String password) {
        connection = new OpenSearchConnection(new OpenSearchSettings(cluster.url(), Optional.of("doc-serve"),
                Optional.of(password), "auth"));
        return new OpenSearchChunkStore(connection, "auth-" + UUID.randomUUID());
    }

    @Test
    void shouldIndexAndSearchThroughAClusterThatDemandsBasicAuthentication() throws IOException {
        ChunkStore store = storeWithPassword(PASSWORD);
        store.replaceFile(ChunkStoreContract.file("a.md", 1), List.of(ChunkStoreContract.chunk("a.md", 0, "guarded words")));
        store.commit(ChunkStoreContract.MANIFEST);

        assertThat(ChunkStoreContract.keywordMatches(store, "guarded", 5, ChunkFilter.NONE))
                .extracting(hit -> hit.chunk().chunkId()).containsExactly("a.md#0");
        assertThat(store.manifest()).hasValue(ChunkStoreContract.MANIFEST);
        assertThat(cluster.forwarded()).isPositive();
        store.clear();
    }

    @Test
    void shouldSayTheClusterRefusedTheCredentialsAndWhichSettingsToCheck() {
        ChunkStore store = storeWithPassword("wrong");

        assertThatThrownBy(store::counts)
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("refused the credentials (HTTP 401)")
                .hasMessageContaining("doc-serve.opensearch.username and password")
                .hasMessageNotContaining("wrong");
        assertThat(cluster.forwarded()).isZero();
    }
}
