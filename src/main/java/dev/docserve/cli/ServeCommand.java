package dev.docserve.cli;

import dev.docserve.lifecycle.layout.InstanceLock;
import dev.docserve.lifecycle.layout.LockHeldInThisProcessException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.config.DocServeConfig;
import dev.docserve.config.EffectiveConfig;
import dev.docserve.config.InvalidConfigFileException;
import dev.docserve.lifecycle.client.Discovery;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.client.InstanceFinder;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.ProjectRootException;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.lifecycle.layout.StateDirException;
import dev.docserve.lifecycle.server.ServerRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve serve}: runs the HTTP server in the foreground. Checks first, without booting
 * Quarkus, whether the project already runs (then prints its URL and exits 0) and whether the
 * config files are usable (else one line naming the file, line and key, exit 2).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the doc-serve server in the foreground (what 'start' launches in the background).")
public class ServeCommand implements Callable<Integer> {

    @Option(names = "--path", paramLabel = "DIR", description = "Project to serve (default: the one holding the working directory).")
    Path path;

    @Option(names = "--mode", paramLabel = "MODE", description = "project (default) or shared.")
    String mode;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to bind; 0 lets the OS pick (default 0; 45123 with --mode shared).")
    Integer port;

    /** As long as the server itself waits for a starting peer before giving up. */
    private static final Duration PEER_START_WAIT = Duration.ofSeconds(10);

    @Override
    public Integer call() {
        Map<String, String> flags = new LinkedHashMap<>();
        boolean shared;
        try {
            shared = InstanceMode.parse(mode) == InstanceMode.SHARED;
        } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        StateDir stateDir;
        try {
            if (shared) {
                stateDir = SharedHome.fromEnvironment().daemonStateDir();
            } else {
                stateDir = StateDir.of(ProjectRoot.resolve(path == null ? Path.of("") : path));
                flags.put("doc-serve.project-root", stateDir.owner().toString());
            }
        } catch (ProjectRootException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        put(flags, "doc-serve.mode", mode);
        put(flags, "doc-serve.bind-host", host);
        put(flags, "doc-serve.port", port);

        DocServeConfig config;
        try {
            config = EffectiveConfig.load(flags);
        } catch (InvalidConfigFileException | IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
        }
        Discovery existing = new InstanceFinder(new HealthProbe(config.selfCheck().healthTimeout())).find(stateDir);
        if (!shared && existing.status() == Discovery.Status.POINTER
                && new dev.docserve.lifecycle.client.Instances().daemonAnswers(existing.baseUrl())) {
            // Project-mode and shared-mode state never mix: one server per project, whichever mode.
            RuntimeState pointer = existing.state().orElseThrow();
            throw new CliException(ExitCodes.ERROR, "this project is served by the shared daemon at "
                    + pointer.baseUrl() + " as " + pointer.projectId() + "; use it, or unregister it first "
                    + "(curl -X DELETE " + pointer.baseUrl() + "/projects/" + pointer.projectId() + ")");
        }
        if (existing.isRunning()) {
            System.out.println(existing.baseUrl());
            return ExitCodes.OK;
        }
        try {
            stateDir.createWritable();
        } catch (StateDirException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
        if (lockHeldByAnotherProcess(stateDir)) {
            // A peer is starting: wait for it to answer instead of booting a second server that would lose.
            Discovery peer = awaitPeer(new InstanceFinder(new HealthProbe(config.selfCheck().healthTimeout())), stateDir);
            if (peer.isRunning()) {
                System.out.println(peer.baseUrl());
                return ExitCodes.OK;
            }
            throw new CliException(ExitCodes.ERROR, "another process holds the lock of " + stateDir.dir()
                    + " but does not answer on /health; wait for it, or run 'doc-serve stop --force'");
        }
        return new ServerRunner(flags, stateDir.resolve(config.logDir())).run();
    }

    /** Whether another process holds the instance lock now; the probe's own hold is released at once. */
    private static boolean lockHeldByAnotherProcess(StateDir stateDir) {
        try {
            Optional<InstanceLock> probe = InstanceLock.tryAcquire(stateDir.lockFile());
            if (probe.isPresent()) {
                probe.get().close();
                return false;
            }
            return true;
        } catch (IOException | LockHeldInThisProcessException e) {
            return false; // the claim inside the server decides, and explains
        }
    }

    private static Discovery awaitPeer(InstanceFinder finder, StateDir stateDir) {
        long deadline = System.nanoTime() + PEER_START_WAIT.toNanos();
        while (true) {
            Discovery peer = finder.find(stateDir);
            if (peer.isRunning() || System.nanoTime() > deadline) {
                return peer;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return peer;
            }
        }
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
