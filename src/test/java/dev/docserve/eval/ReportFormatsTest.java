package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportFormatsTest {

    private final EvaluationReport report = new EvaluationReport("scifact", "test", 5183, 300, 100, 95_400, List.of(
            new ModeResult("bm25", 0.67891, 0.92533, 0.64012, new LatencySummary(300, 0.8, 1.9, 3.25, 7)),
            new ModeResult("hybrid", 0.74, 0.97, 0.7, new LatencySummary(300, 5.5, 8, 12, 20))));

    @Test
    void shouldWriteSnakeCaseJsonLikeEveryOtherOutputAndReadItBack() throws JsonProcessingException {
        String json = new ReportJson().write(report);

        JsonNode tree = new ObjectMapper().readTree(json);
        assertThat(tree.get("indexing_millis").asLong()).isEqualTo(95_400);
        assertThat(tree.at("/modes/0/mode").asText()).isEqualTo("bm25");
        assertThat(tree.at("/modes/0/ndcg_at_10").asDouble()).isEqualTo(0.67891);
        assertThat(tree.at("/modes/1/latency/p99_millis").asDouble()).isEqualTo(12.0);
        assertThat(tree.get("judged_queries").asInt()).isEqualTo(300);
        assertThat(tree.at("/modes/0/recall_at_100").isNumber()).isTrue();
        assertThat(tree.at("/modes/0/mrr_at_10").isNumber()).isTrue();
        assertThat(json).doesNotContain("ndcgAt10").doesNotContain("judgedQueries");
        assertThat(new ReportJson().read(json)).isEqualTo(report);
    }

    @Test
    void shouldRenderOneTableRowPerModeWithFourDecimals() {
        String table = new ReportTable().render(report);

        assertThat(table).startsWith("scifact (test): 5,183 documents, 300 judged queries, depth 100, indexing 95.4 s");
        assertThat(table).contains("| mode | nDCG@10 | Recall@100 | MRR@10 | p50 ms | p95 ms | p99 ms |");
        assertThat(table).contains("| bm25 | 0.6789 | 0.9253 | 0.6401 | 0.8 | 1.9 | 3.3 |");
        assertThat(table).contains("| hybrid | 0.7400 | 0.9700 | 0.7000 | 5.5 | 8.0 | 12.0 |");
    }
}
