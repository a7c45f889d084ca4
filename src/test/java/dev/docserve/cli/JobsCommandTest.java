package dev.docserve.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import org.junit.jupiter.api.Test;

class JobsCommandTest {

    @Test
    void shouldSayWhereAQueuedJobStands() throws Exception {
        assertThat(JobsCommand.status(job("{\"status\":\"pending\",\"queue_position\":1}"))).isEqualTo("pending (next)");
        assertThat(JobsCommand.status(job("{\"status\":\"pending\",\"queue_position\":2}"))).isEqualTo("pending (2nd in line)");
        assertThat(JobsCommand.status(job("{\"status\":\"pending\",\"queue_position\":13}"))).isEqualTo("pending (13th in line)");
        assertThat(JobsCommand.status(job("{\"status\":\"pending\",\"queue_position\":23}"))).isEqualTo("pending (23rd in line)");
    }

    @Test
    void shouldShowOnlyTheStatusOfAJobThatIsNotQueued() throws Exception {
        assertThat(JobsCommand.status(job("{\"status\":\"running\",\"queue_position\":null}"))).isEqualTo("running");
        assertThat(JobsCommand.status(job("{\"status\":\"done\"}"))).isEqualTo("done");
    }

    private static JsonNode job(String json) throws Exception {
        return Json.mapper().readTree(json);
    }
}
