package dev.docserve.lifecycle.server;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The SmallRye probes that supervisors and containers watch: started once {@code runtime.json} is
 * published, live while the process serves, ready while it owns its lock, its runtime file is
 * honest (the last self-check found nothing it could not repair) and its storage takes writes (asked
 * of {@link StorageWriteCheck}, which answers within a bound whatever the disk does).
 */
@ApplicationScoped
public class InstanceHealthChecks {

    private final InstanceLifecycle lifecycle;
    private StorageWriteCheck writeCheck;

    public InstanceHealthChecks(InstanceLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Produces
    @Startup
    HealthCheck runtimeFilePublished() {
        return () -> HealthCheckResponse.builder().name("runtime-file")
                .status(lifecycle.published().isPresent())
                .build();
    }

    @Produces
    @Liveness
    HealthCheck serving() {
        return () -> HealthCheckResponse.up("process");
    }

    @Produces
    @Readiness
    HealthCheck ownership() {
        return () -> {
            HealthCheckResponseBuilder builder = HealthCheckResponse.builder().name("instance");
            boolean lockHeld = lifecycle.isLockHeld();
            boolean published = lifecycle.published().isPresent();
            SelfCheckReport check = lifecycle.lastCheck();
            builder.withData("lock_held", lockHeld).withData("runtime_file", published);
            if (!check.healthy()) {
                builder.withData("reason", String.join("; ", check.problems()));
            }
            return builder.status(lockHeld && published && check.healthy()).build();
        };
    }

    @Produces
    @Readiness
    HealthCheck storageWritable() {
        return () -> {
            InstanceIdentity identity = lifecycle.identity();
            HealthCheckResponseBuilder builder = HealthCheckResponse.builder().name("storage");
            if (identity == null) {
                return builder.down().withData("reason", "not started").build();
            }
            Optional<String> problem = writeCheck(identity.dataDir()).problem();
            problem.ifPresent(reason -> builder.withData("reason", reason));
            return builder.withData("data_dir", identity.dataDir().toString()).status(problem.isEmpty()).build();
        };
    }

    /** The first write starts with the server, so the first readiness probe finds its result. */
    void onReady(@Observes InstanceReady ready) {
        InstanceIdentity identity = lifecycle.identity();
        if (identity != null) {
            writeCheck(identity.dataDir()).refresh();
        }
    }

    private synchronized StorageWriteCheck writeCheck(Path dataDir) {
        if (writeCheck == null) {
            writeCheck = StorageWriteCheck.of(dataDir);
        }
        return writeCheck;
    }

    @PreDestroy
    synchronized void close() {
        if (writeCheck != null) {
            writeCheck.close();
        }
    }
}
