package dev.docserve.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ProcessBenchTest {

    @Test
    void shouldGiveTheServersAStartDeadlineInsideTheBenchsOwnWait() {
        Map<String, String> env = ProcessBench.serverEnvironment(Map.of("DOC_SERVE_HOME", "/h"), Map.of());

        assertThat(env).containsEntry("DOC_SERVE_HOME", "/h").containsEntry("DOC_SERVE_START_TIMEOUT", "75s");
        assertThat(Duration.parse("PT" + ProcessBench.SERVER_START_TIMEOUT.toUpperCase())).isLessThan(ProcessBench.TIMEOUT);
    }

    @Test
    void shouldKeepAStartTimeoutTheUserChose() {
        assertThat(ProcessBench.serverEnvironment(Map.of(), Map.of("DOC_SERVE_START_TIMEOUT", "300s")))
                .doesNotContainKey("DOC_SERVE_START_TIMEOUT");
        assertThat(ProcessBench.serverEnvironment(Map.of("DOC_SERVE_START_TIMEOUT", "10s"), Map.of()))
                .containsEntry("DOC_SERVE_START_TIMEOUT", "10s");
    }
}
