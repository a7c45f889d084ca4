package dev.docserve.api;

import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.testing.Http;
import dev.docserve.testing.Ports;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.RawHttp;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes every endpoint of a real server process, in project mode and in shared mode, with seeded
 * hostile requests ({@link HostileRequests}): no answer may be a 5xx, no body may show a stack trace or
 * a Java name, every error is the contract's JSON detail, and the server stays healthy throughout.
 *
 * <p>The seed is printed and differs per run unless {@code -Ddocserve.fuzz.seed=N} fixes it;
 * {@code -Ddocserve.fuzz.requests=N} sets the number of requests per server (default 300).
 */
class HostileInputIT {

    private static final long SEED = Long.getLong("docserve.fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("docserve.fuzz.requests", 300);
    /** What a body must never show: stack frames, exception and Java package names, parser internals. */
    private static final List<String> LEAKS = List.of("Exception", "\tat ", "dev.docserve", "com.fasterxml", "java.",
            "io.vertx", "io.quarkus", "org.jboss", "StreamReadFeature", "StreamReadConstraints", "JsonToken", "Caused by");
    /** Refused by the HTTP codec before any route runs (request line or headers too long): no body to shape. */
    private static final List<Integer> CODEC_REFUSALS = List.of(414, 431);

    @TempDir
    Path temp;

    @Test
    void shouldAnswerHostileRequestsToAProjectServerWithoutServerErrors() throws IOException {
        Path project = projectWithDocs("fuzzed");
        try (ProjectServer server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")))) {
            Http http = server.http();
            indexDocs(http, Map.of("folder_path", "docs"));
            fuzz(server.state().baseUrl(), http, SEED, List.of("p_00000000", ProjectId.of(project)));
            assertThat(server.stop()).isZero();
            assertNoUnexpectedErrorLogged(TempProject.stateDir(project).resolve("logs"));
        }
    }

    @Test
    void shouldAnswerHostileRequestsToASharedDaemonWithoutServerErrors() throws IOException {
        Path project = projectWithDocs("fuzzed-shared");
        Path home = temp.resolve("shared-home");
        try (SharedDaemon daemon = SharedDaemon.start(temp, home, Ports.free())) {
            Http http = daemon.http();
            String projectId = http.post("/projects", Map.of("project_root", project.toString())).json()
                    .path("project_id").asText();
            indexDocs(http, Map.of("folder_path", project.resolve("docs").toString(), "project_id", projectId));
            fuzz(daemon.baseUrl(), http, SEED + 1, List.of(projectId, "p_00000000"));
            assertThat(daemon.stop()).isZero();
            assertNoUnexpectedErrorLogged(home.resolve("logs"));
        }
    }

    private void fuzz(String baseUrl, Http http, long seed, List<String> projectIds) {
        System.out.println("HostileInputIT seed " + seed + " (replay with -Ddocserve.fuzz.seed=" + seed + "), "
                + REQUESTS + " requests at " + baseUrl);
        HostileRequests requests = new HostileRequests(seed, projectIds);
        RawHttp raw = new RawHttp(baseUrl);
        for (int i = 0; i < REQUESTS; i++) {
            HostileRequests.Request request = requests.next();
            RawHttp.Response answer = raw.send(request.method(), request.target(), request.headers(), request.body());
            String context = "seed " + seed + ", request #" + i + ": " + request + "\n-> " + answer;
            assertThat(answer.status()).as(context).isBetween(200, 499);
            for (String leak : LEAKS) {
                assertThat(answer.body()).as(context).doesNotContain(leak);
            }
            if (answer.status() >= 400 && !request.method().equals("HEAD")
                    && !(CODEC_REFUSALS.contains(answer.status()) && answer.body().isEmpty())) {
                assertThat(answer.headers().get("content-type")).as(context).startsWith("application/json");
                assertThat(new Http.Answer(answer.status(), answer.body()).detail()).as(context).isNotBlank();
            }
            if (i % 50 == 49) {
                assertThat(http.get("/health").status()).as("healthy after " + context).isEqualTo(200);
            }
        }
        Http.Answer health = http.get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isIn("healthy", "indexing");
    }

    private Path projectWithDocs(String name) throws IOException {
        Path project = TempProject.withGuide(temp, name);
        Files.writeString(project.resolve("docs/\u05e9\u05dc\u05d5\u05dd \ud83d\ude00.md"), "# \u202eRTL\n\nemoji \ud83d\udca5 text\n");
        return project;
    }

    private static void indexDocs(Http http, Map<String, String> body) {
        Http.Answer accepted = http.post("/index", body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String job = accepted.json().path("job_id").asText();
        String query = body.containsKey("project_id") ? "?project_id=" + body.get("project_id") : "";
        dev.docserve.testing.Eventually.await("the index job", Duration.ofSeconds(120), () -> {
            String status = http.get("/index/jobs/" + job + query).json().path("status").asText();
            assertThat(status).isNotIn("failed", "cancelled");
            return status.equals("done") ? status : null;
        });
    }

    private static void assertNoUnexpectedErrorLogged(Path logs) throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            for (Path log : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(log)).as(log.toString()).doesNotContain("unexpected error");
            }
        }
    }
}
