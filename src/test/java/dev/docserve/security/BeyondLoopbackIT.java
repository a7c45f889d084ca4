package dev.docserve.security;

import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Http;
import dev.docserve.testing.Ports;
import dev.docserve.testing.RawHttp;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A daemon bound to 0.0.0.0 needs a bearer token on everything but the probes; without a token it
 * refuses to start unless told to run insecure. Requests go through 127.0.0.1, which the wildcard
 * bind also serves: the check is about the bind, not about where a request comes from.
 */
class BeyondLoopbackIT {

    private static final String TOKEN = "it-token-5f1c9a7e";

    @TempDir
    Path temp;

    @Test
    void shouldRequireTheTokenOnEverythingButTheProbes() throws IOException {
        Path home = temp.resolve("home");
        Path project = TempProject.gitProject(temp, "alpha");
        Map<String, String> env = SharedDaemon.environment(home);
        env.put("DOC_SERVE_TOKEN", TOKEN);
        // A short self-check interval proves the daemon's own /health probe carries the token.
        env.put("DOC_SERVE_SELF_CHECK_INTERVAL", "1s");
        try (SharedDaemon daemon = SharedDaemon.start(temp, env, home, Ports.free(), TOKEN, "--host", "0.0.0.0")) {
            assertThat(daemon.state().bindHost()).isEqualTo("0.0.0.0");
            Http anonymous = daemon.http();
            Http wrong = anonymous.withToken("not-" + TOKEN);
            Http authorized = anonymous.withToken(TOKEN);

            for (String path : new String[] {"/projects", "/health", "/health/", "/query/count", "/index/jobs"}) {
                Http.Answer answer = anonymous.get(path);
                assertThat(answer.status()).as(path + ": " + answer).isEqualTo(401);
                assertThat(answer.detail()).contains("Bearer");
                assertThat(wrong.get(path).status()).as(path).isEqualTo(401);
            }
            assertThat(anonymous.post("/projects", Map.of("project_root", project.toString())).status()).isEqualTo(401);
            assertThat(anonymous.get("/q/health/../../projects").status()).as("no way round via dot segments").isEqualTo(401);

            assertThat(authorized.get("/projects").status()).isEqualTo(200);
            assertThat(authorized.get("/health").json().path("mode").asText()).isEqualTo("shared");
            assertThat(authorized.post("/projects", Map.of("project_root", project.toString())).status()).isEqualTo(200);

            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (String probe : new String[] {"/q/health/live", "/q/health/ready", "/q/health/started", "/q/health"}) {
                Http.Answer answer = anonymous.get(probe);
                assertThat(answer.status()).as(probe + ": " + answer).isEqualTo(200);
            }
            assertThat(authorized.get("/health").json().path("status").asText()).isEqualTo("healthy");

            assertThat(daemon.stop()).isZero();
            assertThat(daemon.process().stdout() + daemon.process().stderr()).doesNotContain(TOKEN);
            try (Stream<Path> logs = Files.walk(home)) {
                for (Path log : logs.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(".log")).toList()) {
                    assertThat(Files.readString(log)).as(log.toString()).doesNotContain(TOKEN);
                }
            }
        }
    }

    @Test
    void shouldRequireTheTokenOnEveryRouteOfTheApi() throws Exception {
        Path home = temp.resolve("home");
        Map<String, String> env = SharedDaemon.environment(home);
        env.put("DOC_SERVE_TOKEN", TOKEN);
        List<String[]> routes = ApiRoutes.all();
        assertThat(routes).as("routes found by reflection").hasSizeGreaterThanOrEqualTo(14);
        try (SharedDaemon daemon = SharedDaemon.start(temp, env, home, Ports.free(), TOKEN, "--host", "0.0.0.0")) {
            RawHttp raw = new RawHttp(daemon.baseUrl());
            for (String[] route : routes) {
                // Every path also answers with a trailing slash, except the root, which is one ("//" is no path).
                for (String path : route[1].equals("/") ? List.of("/") : List.of(route[1], route[1] + "/")) {
                    byte[] body = route[0].equals("POST") ? "{}".getBytes(StandardCharsets.UTF_8) : null;
                    Map<String, String> json = Map.of("Content-Type", "application/json");
                    RawHttp.Response anonymous = raw.send(route[0], path, json, body);
                    assertThat(anonymous.status()).as(route[0] + " " + path + ": " + anonymous).isEqualTo(401);
                    Map<String, String> wrong = Map.of("Content-Type", "application/json", "Authorization", "Bearer x" + TOKEN);
                    assertThat(raw.send(route[0], path, wrong, body).status()).as(route[0] + " " + path).isEqualTo(401);
                    Map<String, String> authorized = Map.of("Content-Type", "application/json", "Authorization", "Bearer " + TOKEN);
                    RawHttp.Response answer = raw.send(route[0], path, authorized, body);
                    assertThat(answer.status()).as(route[0] + " " + path + ": " + answer).isNotIn(401, 403).isLessThan(500);
                }
            }
            for (String probe : List.of("/q/health/live", "/q/health/ready", "/q/health/started")) {
                assertThat(raw.send("GET", probe, Map.of(), null).status()).as(probe).isIn(200, 503);
            }
        }
    }

    @Test
    void shouldRefuseToStartBeyondLoopbackWithoutAToken() {
        Path home = temp.resolve("home");
        Map<String, String> env = SharedDaemon.environment(home);
        env.put("DOC_SERVE_TOKEN", "");
        try (DocServeProcess process = DocServeProcess.launch(temp, env, "serve", "--mode", "shared", "--host", "0.0.0.0",
                "--port", String.valueOf(Ports.free()))) {
            int exit = process.waitForExit(SharedDaemon.START);

            assertThat(exit).isEqualTo(1);
            assertThat(process.stderr()).contains("DOC_SERVE_TOKEN").contains("0.0.0.0").doesNotContain("\tat ");
            assertThat(home.resolve("runtime.json")).doesNotExist();
        }
    }

    @Test
    void shouldStartWithoutATokenWhenExplicitlyInsecure() {
        Path home = temp.resolve("home");
        Map<String, String> env = SharedDaemon.environment(home);
        env.put("DOC_SERVE_INSECURE", "true");
        try (SharedDaemon daemon = SharedDaemon.start(temp, env, home, Ports.free(), null, "--host", "0.0.0.0")) {
            assertThat(daemon.http().get("/projects").status()).isEqualTo(200);
            assertThat(daemon.stop()).isZero();
            assertThat(daemon.process().stdout() + daemon.process().stderr()).contains("without a token");
        }
    }

    @Test
    void shouldStayTokenFreeOnLoopbackEvenWithATokenSet() {
        Path home = temp.resolve("home");
        Map<String, String> env = SharedDaemon.environment(home);
        env.put("DOC_SERVE_TOKEN", TOKEN);
        try (SharedDaemon daemon = SharedDaemon.start(temp, env, home, Ports.free(), null)) {
            assertThat(daemon.http().get("/projects").status()).isEqualTo(200);
        }
    }

}
