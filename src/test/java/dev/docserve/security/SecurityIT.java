package dev.docserve.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.RawHttp;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a loopback server refuses and keeps to itself, against a real server process: foreign Host
 * names (DNS rebinding), cross-origin browser requests, other users reading its files, and secrets
 * leaking into answers, logs or runtime.json.
 */
class SecurityIT {

    private static final String API_KEY = "sk-planted-4b1d9e0c7a5f3e21";
    private static final String TOKEN = "planted-token-8c3e6a1f";

    @TempDir
    Path temp;

    @Test
    void shouldRefuseRequestsAddressedToAForeignHostName() throws IOException {
        Path project = TempProject.withGuide(temp, "rebinding");
        try (ProjectServer server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")))) {
            RawHttp raw = new RawHttp(server.state().baseUrl());
            int port = server.state().port();

            for (String foreign : List.of("evil.example:" + port, "evil.example", "127.0.0.1.nip.io:" + port,
                    "localhost.evil.example:" + port, "192.168.1.20:" + port)) {
                RawHttp.Response health = raw.send("GET", "/health", Map.of("Host", foreign), null);
                assertThat(health.status()).as(foreign + ": " + health).isEqualTo(403);
                assertThat(health.headers().get("content-type")).startsWith("application/json");
                assertThat(health.body()).contains("\"detail\"").contains("DNS rebinding").contains("localhost");
                RawHttp.Response index = raw.send("POST", "/index", json("Host", foreign),
                        "{\"folder_path\":\"docs\"}".getBytes(StandardCharsets.UTF_8));
                assertThat(index.status()).as(foreign + ": " + index).isEqualTo(403);
            }
            for (String loopback : List.of("127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "LOCALHOST")) {
                assertThat(raw.send("GET", "/health", Map.of("Host", loopback), null).status()).as(loopback).isEqualTo(200);
            }
            assertThat(server.http().get("/index/jobs").json()).as("no refused request started a job").isEmpty();
        }
    }

    @Test
    void shouldNotHonourCrossOriginRequestsAndNeverSendCorsHeaders() throws IOException {
        Path project = TempProject.withGuide(temp, "cors");
        try (ProjectServer server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")))) {
            RawHttp raw = new RawHttp(server.state().baseUrl());
            String self = "http://" + raw.authority();

            RawHttp.Response preflight = raw.send("OPTIONS", "/index", Map.of("Origin", "http://evil.example",
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "content-type"), null);
            assertThat(preflight.status()).as(preflight.toString()).isEqualTo(403);
            assertThat(preflight.headers()).doesNotContainKeys("access-control-allow-origin", "access-control-allow-methods");

            // A form post or no-cors fetch needs no preflight: the server itself must refuse it.
            for (String origin : List.of("http://evil.example", "null", "http://localhost:1", "https://" + raw.authority())) {
                RawHttp.Response write = raw.send("POST", "/index", Map.of("Origin", origin, "Content-Type", "text/plain"),
                        "{\"folder_path\":\"docs\"}".getBytes(StandardCharsets.UTF_8));
                assertThat(write.status()).as(origin + ": " + write).isEqualTo(403);
                assertThat(write.body()).contains("cross-origin");
                assertThat(write.headers()).doesNotContainKey("access-control-allow-origin");
                RawHttp.Response delete = raw.send("DELETE", "/index", Map.of("Origin", origin), null);
                assertThat(delete.status()).as(origin + ": " + delete).isEqualTo(403);
            }
            assertThat(server.http().get("/index/jobs").json()).as("no cross-origin write started a job").isEmpty();

            RawHttp.Response sameOrigin = raw.send("POST", "/query", json("Origin", self),
                    "{\"query\":\"guide\",\"mode\":\"bm25\"}".getBytes(StandardCharsets.UTF_8));
            assertThat(sameOrigin.status()).as(sameOrigin.toString()).isEqualTo(200);
            assertThat(sameOrigin.headers()).doesNotContainKey("access-control-allow-origin");
        }
    }

    @Test
    void shouldKeepItsFilesToItsOwner() throws IOException {
        Path project = TempProject.withGuide(temp, "private");
        try (ProjectServer server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")))) {
            indexAndWait(server.http(), "docs");
            Path state = TempProject.stateDir(project);

            for (String dir : List.of("", "data", "logs")) {
                assertThat(mode(state.resolve(dir))).as(state.resolve(dir).toString()).isEqualTo("rwx------");
            }
            for (String file : List.of("runtime.json", "doc-serve.pid", "doc-serve.lock")) {
                assertThat(mode(state.resolve(file))).as(file).isEqualTo("rw-------");
            }
            try (Stream<Path> registry = Files.list(temp.resolve("home").resolve("instances"))) {
                assertThat(registry.toList()).isNotEmpty().allSatisfy(entry -> assertThat(mode(entry)).isEqualTo("rw-------"));
            }
        }
    }

    @Test
    void shouldNeverShowTheApiKeyOrTokenInAnswersLogsOrRuntimeFiles() throws IOException {
        Path project = TempProject.withGuide(temp, "secrets");
        Path home = temp.resolve("home");
        List<String> receivedAuthorizations = new CopyOnWriteArrayList<>();
        HttpServer provider = echoingProvider(receivedAuthorizations);
        try {
            Map<String, String> env = ProjectServer.environment(home);
            env.put("OPENAI_API_KEY", API_KEY);
            env.put("OPENAI_BASE_URL", "http://127.0.0.1:" + provider.getAddress().getPort() + "/v1");
            env.put("DOC_SERVE_EMBEDDING_MODEL", "text-embedding-3-small");
            env.put("DOC_SERVE_TOKEN", TOKEN);
            List<String> answers = new java.util.ArrayList<>();
            try (ProjectServer server = ProjectServer.start(project, env)) {
                Http http = server.http();
                Http.Answer accepted = http.post("/index", Map.of("folder_path", "docs"));
                String job = accepted.json().path("job_id").asText();
                JsonNode failed = Eventually.await("the index job to fail", Duration.ofSeconds(120), () -> {
                    JsonNode record = http.get("/index/jobs/" + job).json();
                    return record.path("status").asText().equals("failed") ? record : null;
                });
                assertThat(failed.path("error").asText()).as("the provider's error is reported").contains("[redacted]");
                Http.Answer vector = http.post("/query", Map.of("query", "guide", "mode", "vector"));
                assertThat(vector.status()).as(vector.toString()).isEqualTo(503);
                assertThat(vector.detail()).contains("[redacted]").contains("bm25");
                answers.addAll(List.of(accepted.body(), vector.body(), http.get("/index/jobs").body(),
                        http.get("/health").body(), http.get("/health/status").body(),
                        http.post("/query", Map.of("query", "guide", "mode", "bm25")).body()));
                assertThat(server.stop()).isZero();
                answers.add(server.process().stdout());
                answers.add(server.process().stderr());
            }
            assertThat(receivedAuthorizations).as("the planted key really reached the provider").contains("Bearer " + API_KEY);
            for (String answer : answers) {
                assertThat(answer).doesNotContain(API_KEY).doesNotContain(TOKEN);
            }
            for (Path root : List.of(TempProject.stateDir(project), home)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(Files::isRegularFile).toList()) {
                        String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                        assertThat(content).as(file.toString()).doesNotContain(API_KEY).doesNotContain(TOKEN);
                    }
                }
            }
            assertThat(TempProject.stateDir(project).resolve("logs/doc-serve.log")).content().contains("[redacted]");
        } finally {
            provider.stop(0);
        }
    }

    /** A careless provider (or proxy) that echoes the credential it was sent in its 401 body. */
    private static HttpServer echoingProvider(List<String> received) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            received.add(authorization);
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"error\":{\"message\":\"Incorrect API key provided: " + authorization
                    + "\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return server;
    }

    private static void indexAndWait(Http http, String folder) {
        String job = http.post("/index", Map.of("folder_path", folder)).json().path("job_id").asText();
        Eventually.await("the index job", Duration.ofSeconds(120), () -> {
            String status = http.get("/index/jobs/" + job).json().path("status").asText();
            assertThat(status).isNotIn("failed", "cancelled");
            return status.equals("done") ? status : null;
        });
    }

    private static Map<String, String> json(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(name, value);
        headers.put("Content-Type", "application/json");
        return headers;
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
