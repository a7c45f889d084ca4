package dev.docserve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LatencyBenchTest {

    @Test
    void shouldReadTheServersQueryTimeAfterTheResults() throws IOException {
        String answer = "{\"results\":[{\"text\":\"x\",\"metadata\":{\"query_time_ms\":99}}],\"query_time_ms\":7.25,\"total_results\":1}";

        assertThat(LatencyBench.queryTime(answer.getBytes(StandardCharsets.UTF_8))).hasValue(7.25);
    }

    @Test
    void shouldReportNoQueryTimeForAnAnswerWithout() throws IOException {
        assertThat(LatencyBench.queryTime("{\"detail\":\"query is required\"}".getBytes(StandardCharsets.UTF_8))).isEmpty();
        assertThat(LatencyBench.queryTime("[]".getBytes(StandardCharsets.UTF_8))).isEmpty();
    }
}
