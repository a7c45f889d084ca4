package dev.docserve.mcp;

import static dev.docserve.mcp.McpClients.call;
import static dev.docserve.mcp.McpClients.structured;
import static dev.docserve.mcp.McpClients.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.testing.Http;
import dev.docserve.testing.Ports;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On the shared daemon a tool call names its project; a missing or unknown one is a tool error listing them. */
class McpSharedDaemonIT {

    @TempDir
    Path temp;

    @Test
    void shouldRouteToolCallsByProjectAndListTheRegisteredOnesOnAMistake() {
        Path alpha = TempProject.withGuide(temp, "alpha");
        try (SharedDaemon daemon = SharedDaemon.start(temp, temp.resolve("home"), Ports.free())) {
            Http.Answer registered = daemon.http().post("/projects", Map.of("project_root", alpha.toString()));
            assertThat(registered.status()).as(registered.toString()).isEqualTo(200);
            String alphaId = ProjectId.of(alpha);
            McpSyncClient client = McpClients.http(daemon.baseUrl());
            try {
                McpSchema.CallToolResult missing = call(client, "status", Map.of());
                assertThat(missing.isError()).isTrue();
                assertThat(text(missing)).contains("project_id or project_root").contains(alphaId + " (" + alpha + ")");

                McpSchema.CallToolResult unknown = call(client, "search", Map.of("query", "x", "project_id", "p_00000000"));
                assertThat(unknown.isError()).isTrue();
                assertThat(text(unknown)).contains("no project p_00000000").contains(alphaId);

                McpSchema.CallToolResult elsewhere = call(client, "status", Map.of("project_root", temp.toString()));
                assertThat(elsewhere.isError()).isTrue();
                assertThat(text(elsewhere)).contains("is not (inside) a project registered").contains(alphaId);

                McpSchema.CallToolResult byId = call(client, "status", Map.of("project_id", alphaId));
                assertThat(byId.isError()).as(text(byId)).isFalse();
                assertThat(structured(byId)).containsEntry("project_id", alphaId).containsEntry("shared_daemon", true);

                McpSchema.CallToolResult bySubfolder = call(client, "index", Map.of("project_root",
                        alpha.resolve("docs").toString(), "folder_path", "docs", "wait", true, "wait_seconds", 300));
                assertThat(bySubfolder.isError()).as(text(bySubfolder)).isFalse();
                McpSchema.CallToolResult search = call(client, "search", Map.of("project_id", alphaId,
                        "query", "start the server"));
                assertThat(text(search)).contains("docs/guide.md");
            } finally {
                client.closeGracefully();
            }
        }
    }
}
