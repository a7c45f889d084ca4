package dev.docserve.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;

/** The body of {@code GET /health}. {@code active_projects} is set by the shared daemon only. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HealthView(
        String status,
        String message,
        Instant timestamp,
        String version,
        String mode,
        String instanceId,
        String projectId,
        Integer activeProjects) {
}
