package dev.docserve.api;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import dev.docserve.index.IndexStatus;
import dev.docserve.index.jobs.JobRecord;
import dev.docserve.corpus.Languages;
import dev.docserve.lifecycle.server.InstanceIdentity;
import dev.docserve.lifecycle.server.InstanceLifecycle;
import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /health}: the identity check every client makes before trusting a runtime file
 * ({@code instance_id} must match), plus the overall status; {@code GET /health/status}: what is
 * indexed and being indexed.
 *
 * <ul>
 * <li>{@code /health}: 200 while the process serves; {@code status} is healthy, indexing, degraded (the
 * self-check found a problem it could not repair) or unhealthy (the lock is lost).</li>
 * <li>{@code /health/status}: 200; in shared mode 400 without {@code project_id}, 404 for an unknown one.</li>
 * </ul>
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final InstanceLifecycle lifecycle;
    private final ProjectRegistry projects;
    private final String version;

    public HealthResource(InstanceLifecycle lifecycle, ProjectRegistry projects,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.lifecycle = lifecycle;
        this.projects = projects;
        this.version = version;
    }

    @GET
    @Operation(summary = "Whether the instance is healthy, and which instance it is")
    @APIResponse(responseCode = "200", description = "healthy, indexing, degraded or unhealthy", content = @Content(schema = @Schema(implementation = HealthView.class)))
    public HealthView health() {
        InstanceIdentity identity = lifecycle.identity();
        String status;
        String message;
        if (!lifecycle.isLockHeld()) {
            status = "unhealthy";
            message = "this process no longer owns its state directory";
        } else if (!lifecycle.lastCheck().healthy()) {
            status = "degraded";
            message = String.join("; ", lifecycle.lastCheck().problems());
        } else if (projects.isIndexing()) {
            status = "indexing";
            message = "an index job is running";
        } else {
            status = "healthy";
            message = "serving " + identity.root();
        }
        return new HealthView(status, message, Instant.now(), version, identity.mode().wireName(), identity.instanceId(),
                identity.projectId(), identity.isShared() ? projects.activeProjects() : null);
    }

    @GET
    @Path("/status")
    @Operation(summary = "What is indexed: counts, folders, model, jobs in progress")
    @APIResponse(responseCode = "200", description = "The index status", content = @Content(schema = @Schema(implementation = StatusView.class)))
    @APIResponse(responseCode = "400", description = "project_id missing on the shared daemon (the detail lists the registered projects)", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "no such registered project", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "410", description = "the project root no longer exists", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "503", description = "the index is not open", content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public StatusView status(@QueryParam("project_id") String projectId) throws IOException {
        ProjectServices project = projects.resolve(projectId);
        IndexStatus index = project.index().status();
        Optional<JobRecord> running = project.jobs().running();
        InstanceIdentity identity = lifecycle.identity();
        return new StatusView(index.totalDocuments(), index.totalChunks(), index.totalDocChunks(),
                index.totalCodeChunks(), Languages.codeLanguages().stream().sorted().toList(), index.languages(),
                running.isPresent(), running.map(JobRecord::jobId).orElse(null),
                running.map(job -> job.progress().percent()).orElse(null),
                index.lastIndexedAt(), index.indexedFolders(), identity.mode().wireName(),
                identity.stateDir().dir().toString(), project.root().toString(), project.projectId(),
                projects.embedder().embedder().modelName(), projects.embedder().configuredModel(),
                projects.embedder().fallbackReason().orElse(null), index.embeddingModel(), index.dimension());
    }
}
