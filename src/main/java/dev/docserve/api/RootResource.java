package dev.docserve.api;

import dev.docserve.lifecycle.server.InstanceLifecycle;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * {@code GET /}: what this server is and where to go next, so that a client (or a person with curl)
 * that only knows the base URL finds the API description, the docs and the health endpoints.
 */
@Path("/")
@Tag(name = "discovery")
public class RootResource {

    /** The answer to {@code GET /}. */
    public record ApiIndex(String name, String description, String version, String mode, String docs, String openapi,
                           String health, String status) {
    }

    private final InstanceLifecycle lifecycle;
    private final String version;

    public RootResource(InstanceLifecycle lifecycle,
                        @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.lifecycle = lifecycle;
        this.version = version;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Name, version and links to the API description, docs and health")
    @APIResponse(responseCode = "200", description = "Always")
    public ApiIndex index() {
        String mode = lifecycle.identity() == null ? null : lifecycle.identity().mode().wireName();
        return new ApiIndex("doc-serve", "Local document and code search for coding agents: vector, BM25 and hybrid",
                version, mode, "/docs", "/openapi.json", "/health", "/health/status");
    }
}
