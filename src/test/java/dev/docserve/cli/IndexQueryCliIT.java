package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** index, query, jobs and reset from a shell, against a real server with the real model. */
class IndexQueryCliIT {

    @TempDir
    Path tmp;

    private CliProcess cli;
    private ServerCleanup servers;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliProcess(Files.createDirectories(tmp.resolve("home")));
        servers = new ServerCleanup(cli);
    }

    @AfterEach
    void stopServers() {
        servers.stopAll();
    }

    @Test
    void shouldIndexWaitQueryListJobsAndResetFromASubdirectory() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        Path docs = Files.createDirectories(project.resolve("docs"));
        Files.writeString(docs.resolve("penguins.md"), "# Penguins\n\nEmperor penguins eat krill and fish.\n");
        Files.writeString(docs.resolve("volcano.md"), "# Volcanoes\n\nShield volcanoes erupt basaltic lava.\n");
        assertThat(cli.run(project, "start").exitCode()).isZero();

        CliProcess.Result index = cli.run(docs, "index", ".", "--wait");
        assertThat(index.exitCode()).as(index.toString()).isZero();
        assertThat(index.stdout()).contains("2 files");

        CliProcess.Result query = cli.run(docs, "query", "what do penguins eat", "--top-k", "1");
        assertThat(query.exitCode()).as(query.toString()).isZero();
        assertThat(query.stdout()).contains("docs/penguins.md");

        CliProcess.Result json = cli.run(project, "query", "lava", "--mode", "bm25", "--json");
        JsonNode answer = Json.mapper().readTree(json.stdout());
        assertThat(answer.path("results").get(0).path("metadata").path("path").asText()).isEqualTo("docs/volcano.md");

        CliProcess.Result jobs = cli.run(project, "jobs", "--json");
        JsonNode list = Json.mapper().readTree(jobs.stdout());
        assertThat(list).hasSize(1);
        assertThat(list.get(0).path("status").asText()).isEqualTo("done");

        assertThat(cli.run(project, "reset").exitCode()).as("refuses without --yes off a terminal").isEqualTo(2);
        assertThat(cli.run(project, "reset", "--yes").exitCode()).isZero();
        CliProcess.Result empty = cli.run(project, "query", "penguins", "--json");
        assertThat(Json.mapper().readTree(empty.stdout()).path("results")).isEmpty();
    }

    @Test
    void shouldExitThreeWhenNoServerRunsAndTwoForABadQuery() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));

        assertThat(cli.run(project, "query", "anything").exitCode()).isEqualTo(3);

        assertThat(cli.run(project, "start").exitCode()).isZero();
        CliProcess.Result bad = cli.run(project, "query", "x", "--mode", "semantic");
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.stderr()).contains("unknown mode");
    }
}
