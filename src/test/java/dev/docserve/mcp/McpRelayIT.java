package dev.docserve.mcp;

import static dev.docserve.mcp.McpClients.call;
import static dev.docserve.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.TempProject;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code doc-serve mcp}, the stdio relay, as agent clients launch it: the official SDK's stdio transport
 * runs the packaged jar. It starts the project's server when none runs, keeps its session across a
 * server restart, writes nothing but JSON-RPC to stdout, and many relays share one server.
 */
class McpRelayIT {

    private static final Duration START = Duration.ofSeconds(120);

    @TempDir
    Path temp;

    private final List<Path> projects = new ArrayList<>();
    private final List<McpSyncClient> clients = new ArrayList<>();

    @AfterEach
    void stopServers() {
        clients.forEach(McpSyncClient::closeGracefully);
        for (Path project : projects) {
            runtime(project).flatMap(state -> ProcessHandle.of(state.pid())).ifPresent(server -> {
                server.destroy();
                server.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> server).join();
            });
        }
    }

    @Test
    void shouldStartTheServerAndKeepTheSessionWhenTheServerIsKilledUnderneath() {
        Path project = project("relay");
        McpSyncClient client = track(McpClients.stdio(McpClients.stdioTransport(project, env())));
        McpSchema.CallToolResult indexed = call(client, "index", Map.of("folder_path", "docs", "wait", true, "wait_seconds", 300));
        assertThat(indexed.isError()).as(text(indexed)).isFalse();
        RuntimeState first = runtime(project).orElseThrow();

        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly();
        Eventually.await("the killed server to exit", START, () -> ProcessHandle.of(first.pid()).isEmpty() ? true : null);

        McpSchema.CallToolResult search = call(client, "search", Map.of("query", "start the server", "max_chars", 500));
        assertThat(search.isError()).as(text(search)).isFalse();
        assertThat(text(search)).contains("docs/guide.md").hasSizeLessThanOrEqualTo(500);
        RuntimeState second = runtime(project).orElseThrow();
        assertThat(second.pid()).as("a new server was started by the relay").isNotEqualTo(first.pid());
    }

    @Test
    void shouldWriteOnlyJsonRpcToStdout() throws Exception {
        Path project = project("clean");
        ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-jar",
                DocServeProcess.jar().toString(), "mcp").directory(project.toFile())
                .redirectError(temp.resolve("relay-stderr.txt").toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().putAll(env());
        Process relay = builder.start();
        try (OutputStream in = relay.getOutputStream()) {
            in.write(("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                    + "\"capabilities\":{},\"clientInfo\":{\"name\":\"raw\",\"version\":\"1\"}}}\n"
                    + "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
                    + "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}\n"
                    // Written at once after 'initialized': the relay must not let it overtake that notification.
                    + "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"status\",\"arguments\":{}}}\n"
                    + "not json\n").getBytes(StandardCharsets.UTF_8));
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(relay.getInputStream(), StandardCharsets.UTF_8))) {
            out.lines().forEach(lines::add);
        }
        assertThat(relay.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(relay.exitValue()).isZero();
        ObjectMapper json = new ObjectMapper();
        assertThat(lines).hasSize(4);
        for (String line : lines) {
            assertThat(json.readTree(line).path("jsonrpc").asText()).as(line).isEqualTo("2.0");
        }
        JsonNode tools = json.readTree(lines.stream().filter(l -> l.contains("\"id\":2")).findFirst().orElseThrow());
        assertThat(tools.path("result").path("tools")).hasSize(5);
        JsonNode status = json.readTree(lines.stream().filter(l -> l.contains("\"id\":3")).findFirst().orElseThrow());
        assertThat(status.path("result").path("isError").asBoolean(true)).as(status.toString()).isFalse();
        assertThat(lines).anySatisfy(line -> assertThat(json.readTree(line).path("error").path("code").asInt()).isEqualTo(-32700));
    }

    @Test
    void shouldServeSeveralRelaysOfOneProjectWithOneServer() {
        Path project = project("many");
        List<CompletableFuture<McpSyncClient>> starting = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            starting.add(CompletableFuture.supplyAsync(() -> McpClients.stdio(McpClients.stdioTransport(project, env()))));
        }
        List<String> answers = new ArrayList<>();
        for (CompletableFuture<McpSyncClient> future : starting) {
            McpSyncClient client = track(future.join());
            McpSchema.CallToolResult status = call(client, "status", Map.of());
            assertThat(status.isError()).as(text(status)).isFalse();
            answers.add(text(status).lines().findFirst().orElseThrow());
        }
        assertThat(answers).containsOnly(answers.get(0));
        long servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> List.of(args).contains("serve")
                        && List.of(args).contains(project.toString())).orElse(false))
                .filter(ProcessHandle::isAlive)
                .count();
        assertThat(servers).isEqualTo(1);
    }

    private Path project(String name) {
        Path project = TempProject.withGuide(temp, name);
        projects.add(project);
        return project;
    }

    private Map<String, String> env() {
        return ProjectServer.environment(temp.resolve("home"));
    }

    private McpSyncClient track(McpSyncClient client) {
        clients.add(client);
        return client;
    }

    private static Optional<RuntimeState> runtime(Path project) {
        return RuntimeFile.readLeniently(TempProject.stateDir(project).resolve("runtime.json"))
                .filter(state -> ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false));
    }
}
