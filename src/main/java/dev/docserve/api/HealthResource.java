package dev.docserve.api;

import dev.docserve.instance.InstanceIdentity;
import dev.docserve.instance.InstanceLifecycle;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Instant;

/**
 * {@code GET /health}: the identity check every client makes before trusting a runtime file
 * ({@code instance_id} must match), plus the overall status.
 *
 * <ul>
 * <li>200 always while the process serves; {@code status} says healthy, indexing, degraded (the
 * self-check found a problem it could not repair) or unhealthy (the lock is lost).</li>
 * </ul>
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private final InstanceLifecycle lifecycle;
    private final String version;

    public HealthResource(InstanceLifecycle lifecycle,
            @ConfigProperty(name = "quarkus.application.version", defaultValue = "unknown") String version) {
        this.lifecycle = lifecycle;
        this.version = version;
    }

    @GET
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
        } else {
            status = "healthy";
            message = "serving " + identity.root();
        }
        return new HealthView(status, message, Instant.now(), version, identity.mode(), identity.instanceId(),
                identity.projectId(), null);
    }
}
