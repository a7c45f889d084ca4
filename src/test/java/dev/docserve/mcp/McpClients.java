package dev.docserve.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import dev.docserve.testing.DocServeProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The official MCP Java SDK's client, over Streamable HTTP or over stdio to {@code doc-serve mcp}. */
final class McpClients {

    static final Duration TIMEOUT = Duration.ofSeconds(180);

    private McpClients() {
    }

    static McpSyncClient http(String baseUrl) {
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport.builder(baseUrl)
                .endpoint("/mcp").build();
        McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
        client.initialize();
        return client;
    }

    /** {@code java -jar <packaged jar> mcp} in {@code workingDir}, as Claude Code or Cursor launch it. */
    static StdioClientTransport stdioTransport(Path workingDir, Map<String, String> env) {
        Map<String, String> environment = new HashMap<>(env);
        // The SDK launches with its own ProcessBuilder in the test's working directory: --path names the project.
        ServerParameters parameters = ServerParameters.builder(ProcessHandle.current().info().command().orElse("java"))
                .args(List.of("-jar", DocServeProcess.jar().toString(), "mcp", "--path", workingDir.toString()))
                .env(environment)
                .build();
        return new StdioClientTransport(parameters, new JacksonMcpJsonMapper(new ObjectMapper()));
    }

    static McpSyncClient stdio(StdioClientTransport transport) {
        McpSyncClient client = McpClient.sync(transport).requestTimeout(TIMEOUT).initializationTimeout(TIMEOUT).build();
        client.initialize();
        return client;
    }

    static McpSchema.CallToolResult call(McpSyncClient client, String tool, Map<String, Object> arguments) {
        return client.callTool(new McpSchema.CallToolRequest(tool, arguments));
    }

    static String text(McpSchema.CallToolResult result) {
        return ((McpSchema.TextContent) result.content().get(0)).text();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult result) {
        return (Map<String, Object>) result.structuredContent();
    }
}
