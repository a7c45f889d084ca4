package dev.docserve.cli;

import dev.docserve.lifecycle.layout.RuntimeState;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceViewTest {

    private static final Instant T0 = Instant.parse("2026-11-27T04:00:00Z");

    @Test
    void uptimeShouldUseTheTwoLargestUnits() {
        assertThat(InstanceView.uptime(T0, T0.plusSeconds(45))).isEqualTo("45s");
        assertThat(InstanceView.uptime(T0, T0.plusSeconds(185))).isEqualTo("3m 05s");
        assertThat(InstanceView.uptime(T0, T0.plusSeconds(2 * 3600 + 7 * 60 + 9))).isEqualTo("2h 07m");
        assertThat(InstanceView.uptime(T0, T0.plusSeconds(3 * 86400 + 4 * 3600))).isEqualTo("3d 04h");
        assertThat(InstanceView.uptime(null, T0)).isEqualTo("-");
    }

    @Test
    void viewShouldCarryTheRuntimeFieldsInSnakeCaseWithTheProjectId() {
        RuntimeState state = RuntimeState.process("project", Path.of("/work/p"), "ds_abcdef", "127.0.0.1", 4000, 42, T0);

        Map<String, Object> view = InstanceView.of(state);

        assertThat(view).containsEntry("base_url", "http://127.0.0.1:4000").containsEntry("pid", 42L)
                .containsEntry("instance_id", "ds_abcdef").containsKey("uptime_seconds")
                .containsEntry("project_id", dev.docserve.lifecycle.layout.ProjectId.of(Path.of("/work/p")));
    }
}
