package dev.docserve.lifecycle.server;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;
import org.eclipse.microprofile.health.Startup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The SmallRye probes that supervisors and containers watch: started once {@code runtime.json} is
 * published, live while the process serves, ready while it owns its lock, its runtime file is
 * honest (the last self-check found nothing it could not repair) and its storage takes writes.
 */
@ApplicationScoped
public class InstanceHealthChecks {

    private static final byte[] PROBE_BLOCK = new byte[4096];

    private final InstanceLifecycle lifecycle;

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
            String problem = writeProbe(identity.dataDir());
            if (problem != null) {
                builder.withData("reason", problem);
            }
            return builder.withData("data_dir", identity.dataDir().toString()).status(problem == null).build();
        };
    }

    /**
     * Writes and syncs one block: creating an empty file succeeds on a full disk (it takes an inode, not
     * a block), so only real bytes tell that the next index commit would fail.
     */
    private static String writeProbe(Path dataDir) {
        Path probe = null;
        try {
            Files.createDirectories(dataDir);
            probe = Files.createTempFile(dataDir, ".probe", ".tmp");
            try (FileChannel channel = FileChannel.open(probe, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(PROBE_BLOCK));
                channel.force(false);
            }
            return null;
        } catch (IOException | SecurityException e) {
            return "cannot write to " + dataDir + ": " + e.getMessage();
        } finally {
            if (probe != null) {
                try {
                    Files.deleteIfExists(probe);
                } catch (IOException ignored) {
                    // a leftover probe is a few bytes; the write result is what matters
                }
            }
        }
    }
}
