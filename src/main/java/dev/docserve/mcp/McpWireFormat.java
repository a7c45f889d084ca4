package dev.docserve.mcp;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.quarkiverse.mcp.server.AudioContent;
import io.quarkiverse.mcp.server.BlobResourceContents;
import io.quarkiverse.mcp.server.CompletionResponse;
import io.quarkiverse.mcp.server.Content;
import io.quarkiverse.mcp.server.EmbeddedResource;
import io.quarkiverse.mcp.server.ImageContent;
import io.quarkiverse.mcp.server.PromptMessage;
import io.quarkiverse.mcp.server.PromptResponse;
import io.quarkiverse.mcp.server.ResourceLink;
import io.quarkiverse.mcp.server.ResourceResponse;
import io.quarkiverse.mcp.server.TextContent;
import io.quarkiverse.mcp.server.TextResourceContents;
import io.quarkiverse.mcp.server.ToolResponse;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Keeps MCP messages in the protocol's camelCase. The MCP extension writes its response records with the
 * application's ObjectMapper, whose snake_case naming (our REST wire format) would turn {@code isError}
 * into {@code is_error} and {@code structuredContent} into {@code structured_content}, which clients
 * ignore. Runs after the extension's own customizer (lowest priority) because a class has one mix-in and
 * the last one added wins; it keeps the extension's NON_NULL inclusion.
 */
@Singleton
public class McpWireFormat implements ObjectMapperCustomizer {

    private static final List<Class<?>> PROTOCOL_TYPES = List.of(ToolResponse.class, PromptResponse.class,
            ResourceResponse.class, CompletionResponse.class, TextResourceContents.class, BlobResourceContents.class,
            AudioContent.class, EmbeddedResource.class, ImageContent.class, ResourceLink.class, TextContent.class,
            Content.Annotations.class, PromptMessage.class);

    @Override
    public void customize(ObjectMapper mapper) {
        PROTOCOL_TYPES.forEach(type -> mapper.addMixIn(type, ProtocolNaming.class));
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
    abstract static class ProtocolNaming {
    }
}
