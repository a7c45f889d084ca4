package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared daemon as the CLI sees it today: started, listed, checked and stopped like a project server. */
class SharedModeIT {

    @TempDir
    Path tmp;

    private CliProcess cli;
    private ServerCleanup servers;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliProcess(Files.createDirectories(tmp.resolve("home")));
        servers = new ServerCleanup(cli);
        servers.trackDaemon();
    }

    @AfterEach
    void stopServers() {
        servers.stopAll();
    }

    @Test
    void startInASharedModeProjectShouldSayHowToStartTheDaemonWhenItIsNotRunning() {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        cli.run(project, "init", "--mode", "shared");

        CliProcess.Result start = cli.run(project, "start");

        assertThat(start.exitCode()).as(start.toString()).isEqualTo(1);
        assertThat(start.stderr()).startsWith("doc-serve: ").contains("doc-serve start --mode shared");
        assertThat(project.resolve(".claude/doc-serve/runtime.json")).doesNotExist();
    }

    @Test
    void theSharedDaemonShouldStartInTheSharedHomeShowInListAndStop() {
        Path project = CliProcess.gitProject(tmp, "p");

        assertThat(cli.run(project, "status", "--mode", "shared").exitCode()).isEqualTo(3);
        CliProcess.Result start = cli.run(project, "start", "--mode", "shared", "--port", "0", "--json");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        assertThat(start.json().get("mode").asText()).isEqualTo("shared");
        assertThat(start.json().get("project_root").asText()).isEqualTo(cli.home().toString());
        assertThat(cli.home().resolve("runtime.json")).exists();

        JsonNode instances = cli.run(project, "list", "--json").json().get("instances");
        assertThat(instances).hasSize(1);
        assertThat(instances.get(0).get("mode").asText()).isEqualTo("shared");
        assertThat(cli.run(project, "status", "--mode", "shared").exitCode()).isZero();

        assertThat(cli.run(project, "stop", "--mode", "shared").exitCode()).isZero();
        assertThat(cli.home().resolve("runtime.json")).doesNotExist();
        assertThat(cli.run(project, "list", "--json").json().get("instances")).isEmpty();
    }
}
