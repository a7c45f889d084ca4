package dev.docserve.mcp.relay;

import java.util.Map;

/** Where the relay sends messages: found, or started when none runs. */
public interface Upstream {

    /**
     * The MCP endpoint of the instance serving the project, starting one if none answers.
     *
     * @throws UpstreamUnavailableException when none answers and none could be started
     */
    Endpoint locate();

    /**
     * @param mcpUrl       the instance's {@code /mcp} URL
     * @param authorization an {@code Authorization} header value, or null on loopback without a token
     * @param projectArgs  arguments added to every tool call that names no project: the shared daemon needs
     *                     them, a project server has none
     */
    record Endpoint(String mcpUrl, String authorization, Map<String, Object> projectArgs) {
    }
}
