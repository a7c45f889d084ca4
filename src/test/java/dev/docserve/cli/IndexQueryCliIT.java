package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import dev.docserve.testing.Http;
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

    @Test
    void shouldRefuseVectorQueriesOnAnIndexOfAnotherModelAndSayHowToRebuild() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        Files.writeString(project.resolve("penguins.md"), "# Penguins\n\nEmperor penguins eat krill and fish.\n");
        assertThat(cli.run(project, "start").exitCode()).isZero();
        assertThat(cli.run(project, "index", ".", "--wait").exitCode()).isZero();
        assertThat(cli.run(project, "stop").exitCode()).isZero();

        Files.writeString(cli.home().resolve("shared_config.json"), "{\"embedding_model\": \"all-minilm-l6-v2\"}\n");
        assertThat(cli.run(project, "start").exitCode()).isZero();

        CliProcess.Result refused = cli.run(project, "query", "what do penguins eat", "--mode", "hybrid");
        assertThat(refused.exitCode()).as("a configuration problem: " + refused).isEqualTo(2);
        assertThat(refused.stderr()).contains("bge-small-en-v1.5", "all-minilm-l6-v2", "doc-serve index --rebuild")
                .doesNotContain("Exception");
        Http.Answer vector = new Http(baseUrl(project)).post("/query", java.util.Map.of("query", "penguins", "mode", "vector"));
        assertThat(vector.status()).as(vector.toString()).isEqualTo(409);
        assertThat(vector.json().path("detail").asText()).contains("rebuild");

        CliProcess.Result keywords = cli.run(project, "query", "krill", "--mode", "bm25");
        assertThat(keywords.exitCode()).as("keyword search needs no model: " + keywords).isZero();
        assertThat(keywords.stdout()).contains("penguins.md");

        CliProcess.Result rebuilt = cli.run(project, "index", ".", "--rebuild", "--wait");
        assertThat(rebuilt.exitCode()).as(rebuilt.toString()).isZero();
        CliProcess.Result answered = cli.run(project, "query", "what do penguins eat", "--json");
        assertThat(answered.exitCode()).as(answered.toString()).isZero();
        assertThat(answered.json().path("results").get(0).path("metadata").path("path").asText()).isEqualTo("penguins.md");
    }

    private String baseUrl(Path project) throws IOException {
        return Json.mapper().readTree(project.resolve(".claude/doc-serve/runtime.json").toFile()).path("base_url").asText();
    }
}
