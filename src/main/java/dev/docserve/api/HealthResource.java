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

import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code GET /health}: the identity check every client makes before trusting a runtime file
 * ({@code instance_id} must match), plus the overall status; {@code GET /health/status}: what is
 * indexed and being indexed.
 *
 * <ul>
 * <li>{@code /health}: 200 while the process serves; {@code status} is healthy, indexing, degraded
 * (readiness is DOWN: the message gives the same reasons as {@code /q/health/ready}, e.g. the storage
 * cluster does not answer or the self-check found a problem it could not repair) or unhealthy (the lock
 * is lost). Both answers come from the same checks, so they never disagree.</li>
 * <li>{@code /health/status}: 200; in shared mode 400 without {@code project_id}, 404 for an unknown one.</li>
 * </ul>
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final InstanceLifecycle lifecycle;
    private final ProjectRegistry projects;
    private final SmallRyeHealthReporter readiness;
    private final String version;

    public HealthResource(InstanceLifecycle lifecycle, ProjectRegistry projects, SmallRyeHealthReporter readiness,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.lifecycle = lifecycle;
        this.projects = projects;
        this.readiness = readiness;
        this.version = version;
    }

    @GET
    @Operation(summary = "Whether the instance is healthy, and which instance it is")
    @APIResponse(responseCode = "200", description = "healthy, indexing, degraded or unhealthy", content = @Content(schema = @Schema(implementation = HealthView.class)))
    public HealthView health() {
        InstanceIdentity identity = lifecycle.identity();
        String status;
        String message;
        List<String> notReady;
        if (!lifecycle.isLockHeld()) {
            status = "unhealthy";
            message = "this process no longer owns its state directory";
        } else if (!(notReady = notReadyBecause()).isEmpty()) {
            status = "degraded";
            message = String.join("; ", notReady);
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

    /**
     * The reasons of every readiness check that is DOWN ({@code name: reason}), from the very checks
     * {@code /q/health/ready} runs; empty when ready. They read cached state (the self-check, the last
     * background check of a cluster) and one small write probe, so this never waits on a remote service.
     */
    private List<String> notReadyBecause() {
        SmallRyeHealth answer = readiness.getReadiness();
        if (!answer.isDown()) {
            return List.of();
        }
        List<String> reasons = new ArrayList<>();
        for (JsonValue value : answer.getPayload().getJsonArray("checks")) {
            JsonObject check = value.asJsonObject();
            if ("DOWN".equals(check.getString("status", ""))) {
                JsonObject data = check.getJsonObject("data");
                String reason = data != null && data.containsKey("reason") ? data.getString("reason") : "not ready";
                reasons.add(check.getString("name", "check") + ": " + reason);
            }
        }
        return reasons.isEmpty() ? List.of("not ready") : reasons;
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
                projects.embedder().fallbackReason().orElse(null), index.embeddingModel(), index.dimension(),
                project.freshness());
    }
}
