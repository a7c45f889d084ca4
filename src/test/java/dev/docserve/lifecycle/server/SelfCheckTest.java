package dev.docserve.lifecycle.server;

import dev.docserve.lifecycle.layout.PidFile;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The scheduled self-check keeps runtime.json honest; here it is run on demand. */
@QuarkusTest
class SelfCheckTest {

    private final InstanceLifecycle lifecycle;

    SelfCheckTest(InstanceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Test
    void shouldRewriteAMissingRuntimeFile() throws IOException {
        Path runtimeFile = lifecycle.identity().stateDir().runtimeFile();
        RuntimeState published = lifecycle.published().orElseThrow();
        Files.delete(runtimeFile);

        SelfCheckReport report = lifecycle.checkNow();

        assertThat(report.healthy()).isTrue();
        assertThat(report.repairs()).contains("rewrote runtime.json");
        assertThat(RuntimeFile.read(runtimeFile)).contains(published);
    }

    @Test
    void shouldRewriteAnAlteredRuntimeFile() throws IOException {
        Path runtimeFile = lifecycle.identity().stateDir().runtimeFile();
        RuntimeState published = lifecycle.published().orElseThrow();
        Files.writeString(runtimeFile, Files.readString(runtimeFile).replace(published.instanceId(), "ds_000000"));

        lifecycle.checkNow();

        assertThat(RuntimeFile.read(runtimeFile)).contains(published);
    }

    @Test
    void shouldRewriteATruncatedPidFile() throws IOException {
        Path pidFile = lifecycle.identity().stateDir().pidFile();
        Files.writeString(pidFile, "");

        SelfCheckReport report = lifecycle.checkNow();

        assertThat(report.repairs()).contains("rewrote pid file");
        assertThat(PidFile.read(pidFile)).hasValue(ProcessHandle.current().pid());
    }

    @Test
    void shouldPassWhenEverythingIsInPlace() {
        lifecycle.checkNow();

        SelfCheckReport report = lifecycle.checkNow();

        assertThat(report.healthy()).isTrue();
        assertThat(report.repairs()).isEmpty();
        assertThat(lifecycle.isLockHeld()).isTrue();
    }
}
