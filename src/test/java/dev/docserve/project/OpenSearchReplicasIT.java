package dev.docserve.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Http;
import dev.docserve.testing.OpenSearchNode;
import dev.docserve.testing.Ports;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import dev.docserve.testing.WithOpenSearch;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server on the OpenSearch backend, as real processes against a real node: two shared
 * daemons (replicas with their own homes and ports) serve the same project from one cluster, and a
 * server whose cluster is unreachable reports readiness DOWN and answers queries with 503.
 */
@ExtendWith(WithOpenSearch.class)
class OpenSearchReplicasIT {

    @TempDir
    Path temp;

    private Path project;
    private String prefix;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        project = TempProject.gitProject(temp, "alpha");
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/guide.md"), "# Alpha guide\n\nThe zanzibar flux capacitor is "
                + "calibrated every night by the alpha team before the release train leaves.\n");
        Files.writeString(project.resolve("docs/ops.md"), "# Operations\n\nRestart the quokka pipeline on Tuesdays.\n");
        prefix = "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable process : started) {
            process.close();
        }
    }

    @Test
    void shouldLetTwoReplicasServeTheSameProjectFromOneCluster(OpenSearchNode node) throws IOException {
        SharedDaemon first = track(startReplica(node.url().toString(), "one"));
        SharedDaemon second = track(startReplica(node.url().toString(), "two"));

        String id = register(first.http());
        assertThat(register(second.http())).as("the project id is the same on every replica").isEqualTo(id);
        assertThat(first.http().get("/q/health/ready").status()).isEqualTo(200);

        SharedDaemonIT.indexAndWait(first.http(), id, project.resolve("docs"));

        JsonNode onSecond = query(second.http(), id, "zanzibar capacitor");
        assertThat(onSecond.path("results")).as("indexed on one replica, found on the other").isNotEmpty();
        assertThat(onSecond.path("results").get(0).path("metadata").path("path").asText()).isEqualTo("docs/guide.md");
        assertThat(second.http().get("/query/count?project_id=" + id).json().path("total_chunks").asInt())
                .isEqualTo(first.http().get("/query/count?project_id=" + id).json().path("total_chunks").asInt())
                .isPositive();
        JsonNode hybrid = second.http().post("/query", Map.of("query", "when is the quokka pipeline restarted",
                "project_id", id)).json();
        assertThat(hybrid.path("results").get(0).path("metadata").path("path").asText()).isEqualTo("docs/ops.md");
        assertThat(hybrid.path("results").get(0).path("vector_score").isNumber()).isTrue();

        // Incremental on the other replica: an edit is indexed once, and both see the new text.
        Files.writeString(project.resolve("docs/ops.md"), "# Operations\n\nRestart the wombat pipeline on Fridays.\n");
        JsonNode report = SharedDaemonIT.indexAndWait(second.http(), id, project.resolve("docs")).path("report");
        assertThat(report.path("files_indexed").asInt()).isEqualTo(1);
        assertThat(report.path("files_unchanged").asInt()).isEqualTo(1);
        assertThat(query(first.http(), id, "wombat").path("results")).isNotEmpty();
        assertThat(query(first.http(), id, "quokka").path("results")).isEmpty();
        assertThat(indexExists(node.url(), prefix + "-" + id)).isTrue();
    }

    @Test
    void shouldReportReadinessDownAndAnswer503WhileTheClusterCannotBeReached() throws IOException {
        String nowhere = "http://127.0.0.1:" + Ports.free();
        SharedDaemon daemon = track(startReplica(nowhere, "down"));

        Http.Answer ready = daemon.http().get("/q/health/ready");
        assertThat(ready.status()).isEqualTo(503);
        assertThat(ready.body()).contains("storage-backend").contains("cannot be reached");

        String id = register(daemon.http());
        Http.Answer query = daemon.http().post("/query", Map.of("query", "zanzibar", "project_id", id));
        assertThat(query.status()).as(query.toString()).isEqualTo(503);
        assertThat(query.detail()).contains(nowhere).contains("doc-serve.opensearch.url");
        assertThat(query.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    private SharedDaemon startReplica(String url, String name) throws IOException {
        Path home = Files.createDirectories(temp.resolve("home-" + name));
        Map<String, String> env = SharedDaemon.environment(home);
        env.put("DOC_SERVE_STORAGE", "opensearch");
        env.put("DOC_SERVE_OPENSEARCH_URL", url);
        env.put("DOC_SERVE_OPENSEARCH_INDEX_PREFIX", prefix);
        return SharedDaemon.start(temp, env, home, Ports.free(), null);
    }

    private String register(Http http) {
        Http.Answer registered = http.post("/projects", Map.of("project_root", project.toString()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        return registered.json().path("project_id").asText();
    }

    private static JsonNode query(Http http, String projectId, String text) {
        Http.Answer answer = http.post("/query", Map.of("query", text, "mode", "bm25", "project_id", projectId));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static boolean indexExists(URI cluster, String index) {
        try {
            HttpResponse<Void> head = HttpClient.newHttpClient().send(HttpRequest.newBuilder(cluster.resolve("/" + index))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return head.statusCode() == 200;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private SharedDaemon track(SharedDaemon daemon) {
        started.add(daemon);
        return daemon;
    }
}
