package dev.docserve.mcp;

import static dev.docserve.mcp.McpClients.call;
import static dev.docserve.mcp.McpClients.structured;
import static dev.docserve.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.RawHttp;
import dev.docserve.testing.TempProject;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP tools over Streamable HTTP, driven by the official MCP Java SDK against the packaged server:
 * one project server, indexed once through the {@code index} tool, shared by the tests.
 */
class McpServerIT {

    @TempDir
    static Path temp;

    static Path project;
    static ProjectServer server;
    static McpSyncClient client;

    @BeforeAll
    static void startAndIndex() throws IOException {
        project = TempProject.gitProject(temp, "agent");
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/guide.md"), "# Guide\n\nStart the server with doc-serve start.\n\n"
                + "## Install\n\nRun the zanzibar installer on Linux, then check the flux capacitor.\n");
        for (int file = 1; file <= 6; file++) {
            StringBuilder text = new StringBuilder("# Topic " + file + "\n\n");
            for (int section = 1; section <= 5; section++) {
                text.append("## Section ").append(section).append("\n\n");
                for (int sentence = 0; sentence < 12; sentence++) {
                    text.append("The zanzibar flux capacitor number ").append(file * 100 + section * 10 + sentence)
                            .append(" is calibrated by the release team before the train leaves the station. ");
                }
                text.append("\n\n");
            }
            Files.writeString(project.resolve("docs/topic" + file + ".md"), text);
        }
        server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")));
        client = McpClients.http(server.baseUrl());
        McpSchema.CallToolResult indexed = call(client, "index", Map.of("folder_path", "docs", "wait", true,
                "wait_seconds", 300));
        assertThat(indexed.isError()).as(text(indexed)).isFalse();
        assertThat(structured(indexed)).containsEntry("status", "done");
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.closeGracefully();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldListTheFiveToolsWithInputAndOutputSchemas() {
        List<McpSchema.Tool> tools = client.listTools().tools();
        assertThat(tools).extracting(McpSchema.Tool::name)
                .containsExactlyInAnyOrder("search", "get", "multi_get", "index", "status");
        McpSchema.Tool search = tools.stream().filter(t -> t.name().equals("search")).findFirst().orElseThrow();
        assertThat(search.description()).contains("max_chars");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) search.inputSchema().get("properties");
        assertThat(input).containsKeys("query", "mode", "top_k", "offset", "max_chars",
                "source_types", "languages", "file_paths", "project_id", "project_root");
        assertThat(search.inputSchema().get("required")).isEqualTo(List.of("query"));
        assertThat(search.outputSchema()).containsKey("properties");
        @SuppressWarnings("unchecked")
        Map<String, Object> properties = (Map<String, Object>) search.outputSchema().get("properties");
        assertThat(properties).containsKeys("files", "next_offset", "max_chars").doesNotContainKey("text");
    }

    @Test
    void shouldAnswerSearchGroupedByFileWithinTheDefaultBudget() {
        McpSchema.CallToolResult result = call(client, "search", Map.of("query", "zanzibar flux capacitor"));
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(text(result).length()).isLessThanOrEqualTo(6000);
        Map<String, Object> answer = structured(result);
        assertThat(answer).containsEntry("max_chars", 6000).containsEntry("hit_count", 5).containsEntry("offset", 0);
        List<Map<String, Object>> files = files(answer);
        Set<String> paths = files.stream().map(f -> (String) f.get("path")).collect(Collectors.toSet());
        assertThat(paths).hasSize(files.size()).allMatch(p -> p.startsWith("docs/"));
        Map<String, Object> hit = hits(files.get(0)).get(0);
        assertThat(hit).containsKeys("chunk_id", "start_line", "end_line", "score", "snippet", "heading");
        assertThat(text(result)).contains("## " + files.get(0).get("path")).contains("id " + hit.get("chunk_id"));
        // Files are ordered by their best hit.
        List<Double> best = files.stream().map(f -> ((Number) f.get("best_score")).doubleValue()).toList();
        assertThat(best).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    }

    @Test
    void shouldTrimToASmallBudgetAndPageThroughTheRest() {
        Set<String> seen = new HashSet<>();
        Integer offset = 0;
        int pages = 0;
        while (offset != null && pages < 4) {
            McpSchema.CallToolResult result = call(client, "search", Map.of("query", "zanzibar flux capacitor",
                    "top_k", 4, "max_chars", 700, "offset", offset));
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(text(result).length()).as(text(result)).isLessThanOrEqualTo(700);
            Map<String, Object> answer = structured(result);
            assertThat(answer).containsEntry("trimmed", true);
            for (Map<String, Object> file : files(answer)) {
                for (Map<String, Object> hit : hits(file)) {
                    assertThat(seen.add((String) hit.get("chunk_id"))).as("a hit seen on two pages").isTrue();
                    assertThat(((Number) hit.get("rank")).intValue()).isGreaterThan(offset);
                }
            }
            offset = (Integer) answer.get("next_offset");
            pages++;
        }
        assertThat(pages).isEqualTo(4);
        assertThat(seen.size()).isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldOpenAHitByChunkIdAndAFileByPathWithALineWindow() {
        McpSchema.CallToolResult search = call(client, "search", Map.of("query", "zanzibar installer on Linux",
                "mode", "bm25", "top_k", 1));
        Map<String, Object> hit = hits(files(structured(search)).get(0)).get(0);
        assertThat(files(structured(search)).get(0)).containsEntry("path", "docs/guide.md");

        McpSchema.CallToolResult byId = call(client, "get", Map.of("chunk_id", hit.get("chunk_id")));
        assertThat(byId.isError()).as(text(byId)).isFalse();
        Map<String, Object> document = structured(byId);
        assertThat(document).containsEntry("path", "docs/guide.md").containsEntry("chunk_id", hit.get("chunk_id"))
                .containsEntry("from_line", hit.get("start_line")).containsEntry("stale", false);
        assertThat((String) document.get("content")).contains("zanzibar installer");

        McpSchema.CallToolResult window = call(client, "get", Map.of("path", "docs/guide.md", "from_line", 3, "lines", 1));
        assertThat(structured(window)).containsEntry("from_line", 3).containsEntry("to_line", 3)
                .containsEntry("content", "Start the server with doc-serve start.").containsEntry("next_from_line", 4);
        assertThat(text(window)).startsWith("== docs/guide.md L3-3 of 7");
    }

    @Test
    void shouldSayPlainlyWhenAFileChangedSinceItWasIndexed() throws IOException {
        Path notes = project.resolve("docs/topic6.md");
        String before = Files.readString(notes);
        try {
            Files.writeString(notes, "# Rewritten\n\nNothing here is what was indexed.\n");
            McpSchema.CallToolResult result = call(client, "get", Map.of("path", "docs/topic6.md"));
            assertThat(result.isError()).as(text(result)).isFalse();
            assertThat(structured(result)).containsEntry("stale", true);
            assertThat(text(result)).contains("WARNING: the file changed since it was indexed");
        } finally {
            Files.writeString(notes, before);
        }
    }

    @Test
    void shouldReadSeveralFilesWithinOneBudgetAndListWhatWasLeftOut() {
        McpSchema.CallToolResult result = call(client, "multi_get", Map.of("glob", "docs/*.md", "max_chars", 1500));
        assertThat(result.isError()).as(text(result)).isFalse();
        assertThat(text(result).length()).isLessThanOrEqualTo(1500);
        Map<String, Object> answer = structured(result);
        assertThat((List<?>) answer.get("documents")).isNotEmpty();
        assertThat(((Number) answer.get("omitted_count")).intValue()).isPositive();
        assertThat(text(result)).contains("Left out (");

        McpSchema.CallToolResult listed = call(client, "multi_get", Map.of("paths", List.of("docs/guide.md", "docs/nope.md")));
        assertThat(text(listed)).contains("== docs/guide.md").contains("docs/nope.md (not_indexed)");
    }

    @Test
    void shouldReportStatus() {
        McpSchema.CallToolResult result = call(client, "status", Map.of());
        assertThat(result.isError()).as(text(result)).isFalse();
        @SuppressWarnings("unchecked")
        Map<String, Object> index = (Map<String, Object>) structured(result).get("index");
        assertThat(((Number) index.get("total_documents")).intValue()).isEqualTo(7);
        assertThat(text(result)).contains("7 documents").contains("model: all-minilm-l6-v2");
    }

    @Test
    void shouldAnswerBadArgumentsWithToolErrorsThatSayWhatToDo() {
        McpSchema.CallToolResult topK = call(client, "search", Map.of("query", "x", "top_k", 99));
        assertThat(topK.isError()).isTrue();
        assertThat(text(topK)).contains("top_k must be between 1 and 50");

        McpSchema.CallToolResult budget = call(client, "search", Map.of("query", "x", "max_chars", 10));
        assertThat(budget.isError()).isTrue();
        assertThat(text(budget)).contains("max_chars must be between 200");

        McpSchema.CallToolResult neither = call(client, "get", Map.of());
        assertThat(neither.isError()).isTrue();
        assertThat(text(neither)).contains("give either path");

        McpSchema.CallToolResult outside = call(client, "get", Map.of("path", "../../etc/passwd"));
        assertThat(outside.isError()).isTrue();
        assertThat(text(outside)).contains("outside the project");

        McpSchema.CallToolResult unknownChunk = call(client, "get", Map.of("chunk_id", "0123456789abcdef"));
        assertThat(unknownChunk.isError()).isTrue();
        assertThat(text(unknownChunk)).contains("search again for fresh ids");

        McpSchema.CallToolResult folder = call(client, "index", Map.of("folder_path", "nowhere"));
        assertThat(folder.isError()).isTrue();
        assertThat(text(folder)).contains("does not exist");
    }

    @Test
    void shouldRefuseMcpRequestsFromAForeignOrigin() {
        RawHttp raw = new RawHttp(server.baseUrl());
        byte[] initialize = ("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":"
                + "\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"page\",\"version\":\"1\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("Content-Type", "application/json",
                "Accept", "application/json, text/event-stream");
        RawHttp.Response foreign = raw.send("POST", "/mcp", with(headers, "Origin", "http://evil.example"), initialize);
        assertThat(foreign.status()).as(foreign.toString()).isEqualTo(403);
        RawHttp.Response rebound = raw.send("POST", "/mcp", with(headers, "Host", "evil.example"), initialize);
        assertThat(rebound.status()).as(rebound.toString()).isEqualTo(403);
        RawHttp.Response local = raw.send("POST", "/mcp", headers, initialize);
        assertThat(local.status()).as(local.toString()).isEqualTo(200);
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> files(Map<String, Object> answer) {
        return (List<Map<String, Object>>) answer.get("files");
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> hits(Map<String, Object> file) {
        return (List<Map<String, Object>>) file.get("hits");
    }
}
