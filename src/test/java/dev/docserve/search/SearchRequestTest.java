package dev.docserve.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.corpus.IndexRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SearchRequestTest {

    @Test
    void shouldDefaultToHybridWithoutHidingResults() {
        SearchRequest request = SearchRequest.of("q");

        assertThat(request.mode()).isEqualTo(SearchMode.HYBRID);
        assertThat(request.topK()).isEqualTo(5);
        assertThat(request.alpha()).isEqualTo(0.5);
        assertThat(request.similarityThreshold()).isZero();
        assertThat(request.fusion()).isEqualTo(FusionMethod.DBSF);
    }

    @Test
    void shouldRejectOutOfRangeValuesNamingTheField() {
        assertThatThrownBy(() -> SearchRequest.of(" ")).hasMessageContaining("query");
        assertThatThrownBy(() -> SearchRequest.of("x".repeat(1001))).hasMessageContaining("1000");
        assertThatThrownBy(() -> SearchRequest.of("q").withTopK(SearchRequest.ENGINE_MAX_TOP_K + 1)).hasMessageContaining("top_k");
        assertThatThrownBy(() -> SearchRequest.of("q").withTopK(0)).hasMessageContaining("top_k");
        assertThatThrownBy(() -> SearchRequest.of("q").withAlpha(1.5)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> SearchRequest.of("q").withThreshold(Double.NaN)).hasMessageContaining("similarity_threshold");
        assertThatThrownBy(() -> SearchRequest.of("q").withFilters(List.of("docs"), List.of(), List.of()))
                .hasMessageContaining("doc, code or test");
        assertThatThrownBy(() -> SearchMode.fromWireName("semantic")).hasMessageContaining("vector, bm25 or hybrid");
    }

    @Test
    void shouldRejectIndexOptionsOutsideTheDocumentedRanges() {
        IndexRequest ok = IndexRequest.of(Path.of("."));

        assertThatThrownBy(() -> ok.withChunking(127, 0)).hasMessageContaining("chunk_size");
        assertThatThrownBy(() -> ok.withChunking(2049, 0)).hasMessageContaining("chunk_size");
        assertThatThrownBy(() -> ok.withChunking(512, 201)).hasMessageContaining("chunk_overlap");
        assertThatThrownBy(() -> ok.withSupportedLanguages(List.of("cobol"))).hasMessageContaining("python");
        assertThat(ok.withSupportedLanguages(List.of("Python")).supportedLanguages()).containsExactly("Python");
    }
}
