package dev.docserve.lifecycle.server;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;

import dev.docserve.config.DocServeConfig;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Who this server process is: its mode, the project (or shared home) it serves, where its state
 * lives, and the identity it answers {@code /health} with.
 *
 * @param instanceId {@code ds_} + 6 lowercase hex characters, new for every process
 */
public record InstanceIdentity(
        InstanceMode mode,
        Path root,
        String projectId,
        StateDir stateDir,
        Path dataDir,
        Path logDir,
        String instanceId,
        Instant startedAt) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static InstanceIdentity from(DocServeConfig config) {
        StateDir stateDir;
        String projectId;
        if (config.mode() == InstanceMode.SHARED) {
            stateDir = SharedHome.resolve(config.home()).daemonStateDir();
            projectId = null;
        } else {
            Path root = ProjectRoot.resolve(config.projectRoot().map(Path::of).orElse(Path.of("")));
            stateDir = StateDir.of(root);
            projectId = ProjectId.of(root);
        }
        return new InstanceIdentity(config.mode(), stateDir.owner(), projectId, stateDir,
                stateDir.resolve(config.dataDir()), stateDir.resolve(config.logDir()), newInstanceId(), Instant.now());
    }

    public boolean isShared() {
        return mode == InstanceMode.SHARED;
    }

    /** The same process after a dev-mode live reload keeps the identity it published. */
    public InstanceIdentity resumedAs(RuntimeState published) {
        return new InstanceIdentity(mode, root, projectId, stateDir, dataDir, logDir, published.instanceId(),
                published.startedAt());
    }

    static String newInstanceId() {
        byte[] bytes = new byte[3];
        RANDOM.nextBytes(bytes);
        return "ds_" + HexFormat.of().formatHex(bytes);
    }
}
