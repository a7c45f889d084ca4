package dev.docserve.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.search.store.ChunkStore;
import dev.docserve.search.store.LuceneChunkStore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkStoresTest {

    @TempDir
    Path dataDir;

    @Test
    void shouldOpenALuceneIndexInTheDataDirByDefault() throws IOException {
        try (ChunkStores stores = ChunkStores.of("lucene", Optional.empty(), Optional.empty(), Optional.empty(), "doc-serve");
             ChunkStore store = stores.open("p_12345678", dataDir)) {
            assertThat(store).isInstanceOf(LuceneChunkStore.class);
            assertThat(dataDir.resolve(ChunkStores.INDEX_FOLDER)).isDirectory();
            assertThat(stores.problem()).isEmpty();
        }
    }

    @Test
    void shouldNameOneIndexPerProjectUnderThePrefix() throws IOException {
        try (ChunkStores stores = ChunkStores.of("OpenSearch", Optional.of("http://127.0.0.1:9200"), Optional.empty(),
                Optional.empty(), "Team");
             ChunkStore store = stores.open("p_ABCDEF12", dataDir)) {
            assertThat(store.describe()).isEqualTo("OpenSearch index team-p_abcdef12 at http://127.0.0.1:9200");
        }
    }

    @Test
    void shouldRefuseUnknownBackendsAndAMissingOrBadUrlWithTheSettingToFix() {
        assertThatThrownBy(() -> ChunkStores.of("solr", Optional.empty(), Optional.empty(), Optional.empty(), "d"))
                .hasMessageContaining("lucene or opensearch").hasMessageContaining("DOC_SERVE_STORAGE");
        assertThatThrownBy(() -> ChunkStores.of("opensearch", Optional.empty(), Optional.empty(), Optional.empty(), "d"))
                .hasMessageContaining("DOC_SERVE_OPENSEARCH_URL");
        assertThatThrownBy(() -> ChunkStores.of("opensearch", Optional.of("127.0.0.1:9200"), Optional.empty(), Optional.empty(), "d"))
                .hasMessageContaining("http or https URL");
        assertThatThrownBy(() -> ChunkStores.of("opensearch", Optional.of("http://h:9200"), Optional.empty(), Optional.empty(), "_bad"))
                .hasMessageContaining("index-prefix");
    }
}
