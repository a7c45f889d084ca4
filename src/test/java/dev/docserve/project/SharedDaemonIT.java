package dev.docserve.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.json.Json;
import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.Ports;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared daemon (issue 6) as a real process with two real git projects: registration and
 * pointers, routing errors, isolation both ways, restarts, graceful stop, vanished roots, and the
 * refusal to take over a project that runs its own server.
 */
class SharedDaemonIT {

    private static final Duration JOB = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    private Path home;
    private Path alpha;
    private Path beta;
    private final List<AutoCloseable> started = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        home = temp.resolve("home");
        alpha = TempProject.gitProject(temp, "alpha");
        beta = TempProject.gitProject(temp, "beta");
        Files.createDirectories(alpha.resolve("docs"));
        Files.writeString(alpha.resolve("docs/guide.md"), "# Alpha guide\n\nThe zanzibar flux capacitor is "
                + "calibrated every night by the alpha team before the release train leaves.\n");
        Files.createDirectories(beta.resolve("docs"));
        Files.writeString(beta.resolve("docs/notes.md"), "# Beta notes\n\nThe quokka telemetry pipeline runs on "
                + "Tuesdays and ships its reports to the beta dashboard.\n");
    }

    @AfterEach
    void stopEverything() throws Exception {
        for (AutoCloseable process : started) {
            process.close();
        }
    }

    @Test
    void shouldRegisterTwoProjectsWithPointersAndKeepTheirDocumentsApart() throws IOException {
        SharedDaemon daemon = track(SharedDaemon.start(temp, home, Ports.free()));
        Http http = daemon.http();
        assertThat(http.get("/health").json().path("mode").asText()).isEqualTo("shared");
        assertThat(http.get("/health").json().path("active_projects").asInt()).isZero();

        // A subfolder names the same project as its root.
        Http.Answer registered = http.post("/projects", Map.of("project_root", alpha.resolve("docs").toString()));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
        String alphaId = ProjectId.of(alpha);
        assertThat(registered.json().path("project_id").asText()).isEqualTo(alphaId).matches("p_[0-9a-f]{8}");
        assertThat(registered.json().path("project_root").asText()).isEqualTo(alpha.toString());
        assertThat(registered.json().path("base_url").asText()).isEqualTo(daemon.baseUrl());
        assertThat(http.post("/projects", Map.of("project_root", alpha.toString())).json())
                .as("registering again changes nothing").isEqualTo(registered.json());

        JsonNode pointer = Json.mapper().readTree(pointerFile(alpha).toFile());
        assertThat(iterable(pointer.fieldNames())).containsExactlyInAnyOrder(
                "schema_version", "mode", "project_root", "project_id", "base_url");
        assertThat(pointer.path("schema_version").asInt()).isEqualTo(1);
        assertThat(pointer.path("mode").asText()).isEqualTo("shared");
        assertThat(pointer.path("project_root").asText()).isEqualTo(alpha.toString());
        assertThat(pointer.path("project_id").asText()).isEqualTo(alphaId);
        assertThat(pointer.path("base_url").asText()).isEqualTo(daemon.baseUrl());
        assertThat(RuntimeFile.read(pointerFile(alpha)).orElseThrow().isPointer()).isTrue();
        assertThat(TempProject.stateDir(alpha).resolve(".gitignore")).exists();
        JsonNode record = Json.mapper().readTree(home.resolve("projects").resolve(alphaId).resolve("project.json").toFile());
        assertThat(record.path("project_root").asText()).isEqualTo(alpha.toString());
        assertThat(record.path("registered_at").asText()).isNotBlank();

        String betaId = http.post("/projects", Map.of("project_root", beta.toString())).json().path("project_id").asText();
        assertThat(betaId).isEqualTo(ProjectId.of(beta)).isNotEqualTo(alphaId);
        assertThat(http.get("/health").json().path("active_projects").asInt()).isEqualTo(2);

        // Routing: no id names the registered projects; an unknown id is 404.
        Http.Answer noId = http.post("/query", Map.of("query", "zanzibar"));
        assertThat(noId.status()).isEqualTo(400);
        assertThat(noId.detail()).contains("project_id").contains(alphaId).contains(betaId);
        assertThat(http.get("/health/status").status()).isEqualTo(400);
        assertThat(http.get("/index/jobs").status()).isEqualTo(400);
        assertThat(http.post("/index", Map.of("folder_path", alpha.toString())).status()).isEqualTo(400);
        assertThat(http.post("/query", Map.of("query", "zanzibar", "project_id", "p_00000000")).status()).isEqualTo(404);
        assertThat(http.get("/health/status?project_id=p_00000000").status()).isEqualTo(404);
        assertThat(http.get("/query/count?project_id=p_00000000").status()).isEqualTo(404);

        for (String foreign : List.of(beta.resolve("docs").toString(), "../beta/docs")) {
            Http.Answer refused = http.post("/index", Map.of("folder_path", foreign, "project_id", alphaId));
            assertThat(refused.status()).as(refused.toString()).isEqualTo(400);
            assertThat(refused.detail()).contains("outside the project");
        }
        indexAndWait(http, alphaId, alpha.resolve("docs"));
        indexAndWait(http, betaId, beta.resolve("docs"));

        assertOnlyOwnDocuments(http, alphaId, alpha, "zanzibar flux capacitor");
        assertOnlyOwnDocuments(http, betaId, beta, "quokka telemetry pipeline");
        assertThat(bm25(http, betaId, "zanzibar capacitor").path("total_results").asInt())
                .as("beta never sees alpha's words").isZero();
        assertThat(bm25(http, alphaId, "quokka telemetry").path("total_results").asInt())
                .as("alpha never sees beta's words").isZero();

        JsonNode alphaStatus = http.get("/health/status?project_id=" + alphaId).json();
        assertThat(alphaStatus.path("project_root").asText()).isEqualTo(alpha.toString());
        assertThat(alphaStatus.path("total_chunks").asInt()).isPositive();
        assertThat(alphaStatus.path("mode").asText()).isEqualTo("shared");

        JsonNode list = http.get("/projects").json();
        assertThat(list.path("total").asInt()).isEqualTo(2);
        for (JsonNode project : list.path("projects")) {
            assertThat(project.path("root_exists").asBoolean()).isTrue();
            assertThat(project.path("indexing_state").asText()).isEqualTo("idle");
            assertThat(project.path("total_chunks").asInt()).isPositive();
            assertThat(project.path("last_indexed_at").asText()).isNotBlank();
        }
        JsonNode betaView = http.get("/projects/" + betaId + "/status").json();
        assertThat(betaView.path("project_root").asText()).isEqualTo(beta.toString());
        assertThat(betaView.path("data_dir").asText()).startsWith(home.resolve("projects").resolve(betaId).toString());
        assertThat(http.get("/projects/p_00000000/status").status()).isEqualTo(404);

        assertThat(http.post("/projects", Map.of("project_root", temp.resolve("nowhere").toString())).status()).isEqualTo(400);
        assertThat(http.post("/projects", Map.of("project_root", alpha.resolve("docs/guide.md").toString())).status())
                .isEqualTo(400);
        assertThat(http.post("/projects", Map.of()).status()).isEqualTo(400);
    }

    @Test
    void shouldKeepRegistrationsAcrossARestartAndRemoveItsPointersOnAGracefulStop() {
        int port = Ports.free();
        SharedDaemon first = track(SharedDaemon.start(temp, home, port));
        String alphaId = first.http().post("/projects", Map.of("project_root", alpha.toString())).json().path("project_id").asText();
        first.http().post("/projects", Map.of("project_root", beta.toString()));
        indexAndWait(first.http(), alphaId, alpha.resolve("docs"));
        int chunks = first.http().get("/query/count?project_id=" + alphaId).json().path("total_chunks").asInt();
        assertThat(chunks).isPositive();

        assertThat(first.stop()).isZero();

        assertThat(pointerFile(alpha)).doesNotExist();
        assertThat(pointerFile(beta)).doesNotExist();
        assertThat(home.resolve("runtime.json")).doesNotExist();
        assertThat(home.resolve("doc-serve.pid")).doesNotExist();
        assertThat(home.resolve("projects").resolve(alphaId).resolve("project.json")).exists();

        SharedDaemon second = track(SharedDaemon.start(temp, home, port));
        RuntimeState alphaPointer = Eventually.await("alpha's pointer", SharedDaemon.START,
                () -> RuntimeFile.readLeniently(pointerFile(alpha)).orElse(null));
        Eventually.await("beta's pointer", SharedDaemon.START, () -> Files.exists(pointerFile(beta)));
        assertThat(alphaPointer.baseUrl()).isEqualTo(second.baseUrl());
        assertThat(alphaPointer.projectId()).isEqualTo(alphaId);
        assertThat(second.http().get("/projects").json().path("total").asInt()).isEqualTo(2);
        assertThat(second.http().get("/query/count?project_id=" + alphaId).json().path("total_chunks").asInt())
                .as("the index survives the restart").isEqualTo(chunks);
        assertThat(bm25(second.http(), alphaId, "zanzibar").path("total_results").asInt()).isPositive();
    }

    @Test
    void shouldRefuseAProjectModeServerForAProjectTheDaemonServes() {
        SharedDaemon daemon = track(SharedDaemon.start(temp, home, Ports.free()));
        String alphaId = daemon.http().post("/projects", Map.of("project_root", alpha.toString())).json()
                .path("project_id").asText();

        DocServeProcess.Result refused = DocServeProcess.run(alpha, home, SharedDaemon.START, "serve");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stderr()).contains("served by the shared daemon").contains(alphaId);
        assertThat(RuntimeFile.read(pointerFile(alpha)).orElseThrow().projectId()).as("the pointer stays").isEqualTo(alphaId);
    }

    @Test
    void shouldRefuseToPointAProjectThatRunsItsOwnServerAtTheDaemon() throws IOException {
        DocServeProcess projectServer = track(DocServeProcess.launch(alpha, SharedDaemon.environment(home), "serve"));
        RuntimeState own = Eventually.await("alpha's own server", SharedDaemon.START, () -> {
            if (!projectServer.isAlive()) {
                throw new AssertionError("project server exited: " + projectServer.stderr());
            }
            return RuntimeFile.readLeniently(pointerFile(alpha)).filter(s -> s.pid() != null && s.pid() == projectServer.pid())
                    .orElse(null);
        });
        SharedDaemon daemon = track(SharedDaemon.start(temp, home, Ports.free()));

        Http.Answer refused = daemon.http().post("/projects", Map.of("project_root", alpha.toString()));

        assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        assertThat(refused.detail()).contains("stop it first").contains(own.baseUrl());
        assertThat(RuntimeFile.read(pointerFile(alpha)).orElseThrow()).isEqualTo(own);
        assertThat(daemon.http().get("/projects").json().path("total").asInt()).isZero();
    }

    @Test
    void shouldReportAVanishedRootAndNeverServeIt() throws IOException {
        SharedDaemon daemon = track(SharedDaemon.start(temp, home, Ports.free()));
        Http http = daemon.http();
        String alphaId = http.post("/projects", Map.of("project_root", alpha.toString())).json().path("project_id").asText();
        String betaId = http.post("/projects", Map.of("project_root", beta.toString())).json().path("project_id").asText();

        deleteRecursively(alpha);

        JsonNode view = http.get("/projects/" + alphaId + "/status").json();
        assertThat(view.path("root_exists").asBoolean()).isFalse();
        assertThat(view.path("indexing_state").asText()).isEqualTo("unavailable");
        Http.Answer query = http.post("/query", Map.of("query", "zanzibar", "project_id", alphaId));
        assertThat(query.status()).as(query.toString()).isEqualTo(410);
        assertThat(query.detail()).contains(alpha.toString()).contains("no longer exists");
        assertThat(http.get("/health/status?project_id=" + alphaId).status()).isEqualTo(410);
        assertThat(http.get("/health").json().path("active_projects").asInt()).isEqualTo(1);

        assertThat(http.delete("/projects/" + alphaId + "?purge=true").status()).isEqualTo(200);
        assertThat(http.get("/projects/" + alphaId + "/status").status()).isEqualTo(404);
        assertThat(home.resolve("projects").resolve(alphaId)).as("purged").doesNotExist();

        // Unregistering a live project removes its pointer and keeps its storage unless purged.
        assertThat(http.delete("/projects/" + betaId).status()).isEqualTo(200);
        assertThat(pointerFile(beta)).doesNotExist();
        assertThat(home.resolve("projects").resolve(betaId).resolve("data")).exists();
        assertThat(http.post("/query", Map.of("query", "quokka", "project_id", betaId)).status()).isEqualTo(404);
        assertThat(http.get("/projects").json().path("total").asInt()).isZero();
    }

    /** Queues an index job and waits until it is done; returns the finished job record. */
    static JsonNode indexAndWait(Http http, String projectId, Path folder) {
        Http.Answer accepted = http.post("/index", Map.of("folder_path", folder.toString(), "project_id", projectId));
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String jobId = accepted.json().path("job_id").asText();
        JsonNode job = Eventually.await("job " + jobId, JOB, () -> {
            JsonNode current = http.get("/index/jobs/" + jobId + "?project_id=" + projectId).json();
            String status = current.path("status").asText();
            return status.equals("done") || status.equals("failed") || status.equals("cancelled") ? current : null;
        });
        assertThat(job.path("status").asText()).as(job.toString()).isEqualTo("done");
        return job;
    }

    private static JsonNode bm25(Http http, String projectId, String query) {
        Http.Answer answer = http.post("/query", Map.of("query", query, "mode", "bm25", "project_id", projectId));
        assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
        return answer.json();
    }

    private static void assertOnlyOwnDocuments(Http http, String projectId, Path root, String query) {
        for (String mode : List.of("bm25", "hybrid", "vector")) {
            Http.Answer answer = http.post("/query", Map.of("query", query, "mode", mode, "project_id", projectId));
            assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
            JsonNode results = answer.json().path("results");
            assertThat(results.size()).as(mode + " results in " + root).isPositive();
            for (JsonNode result : results) {
                assertThat(result.path("source").asText()).as(mode).startsWith(root.toString());
            }
        }
    }

    private static Path pointerFile(Path project) {
        return TempProject.stateDir(project).resolve("runtime.json");
    }

    private static List<String> iterable(Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private <T extends AutoCloseable> T track(T process) {
        started.add(process);
        return process;
    }
}
