package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.config.ConfigFiles;
import dev.docserve.config.DocServeConfig;
import dev.docserve.config.EffectiveConfig;
import dev.docserve.config.InvalidConfigFileException;
import dev.docserve.config.ProjectConfig;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.ProjectRootException;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;

/**
 * What {@code doc-serve start} does, for the CLI and the Java discovery API alike: report the
 * instance that already answers, else start the project's server (or the shared daemon) in the
 * background, or, for a project configured for shared mode, hand it to the shared daemon.
 * Flags apply to this run only; no file is edited.
 */
public final class InstanceStarter {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * @param path any folder of the project (ignored for the shared daemon)
     * @param sharedDaemon start the shared daemon instead of a project's server
     * @param host bind address for this run, or null for the configured one
     * @param port port for this run, or null for the configured one
     */
    public record Request(Path path, boolean sharedDaemon, String host, Integer port, Duration timeout) {

        public static Request project(Path path) {
            return new Request(path, false, null, null, DEFAULT_TIMEOUT);
        }
    }

    /**
     * @param state the instance that answers (for a shared-mode project: its pointer to the daemon)
     * @param alreadyRunning true when nothing had to be started
     */
    public record Outcome(RuntimeState state, boolean alreadyRunning) {
    }

    private final Instances instances;

    public InstanceStarter(Instances instances) {
        this.instances = instances;
    }

    public Outcome start(Request request) {
        StateDir stateDir = stateDir(request);
        Discovery existing = instances.lookup(stateDir);
        if (Instances.reachable(existing)) {
            return new Outcome(existing.state().orElseThrow(), true);
        }
        // Concurrent starts of one project: the first launches, the others wait here and find its server.
        Optional<StartLock> startLock = StartLock.acquire(stateDir, request.timeout());
        try {
            if (startLock.isPresent()) {
                Discovery meanwhile = instances.lookup(stateDir);
                if (Instances.reachable(meanwhile)) {
                    return new Outcome(meanwhile.state().orElseThrow(), true);
                }
            }
            return launch(request, stateDir);
        } finally {
            startLock.ifPresent(StartLock::close);
        }
    }

    private Outcome launch(Request request, StateDir stateDir) {
        DocServeConfig config = config(request, stateDir);
        if (!request.sharedDaemon() && projectMode(config, stateDir) == InstanceMode.SHARED) {
            return new Outcome(attachToDaemon(config, stateDir.owner()), false);
        }
        List<String> serveArgs = new ArrayList<>();
        if (request.sharedDaemon()) {
            serveArgs.addAll(List.of("--mode", InstanceMode.SHARED.wireName()));
        } else {
            serveArgs.addAll(List.of("--path", stateDir.owner().toString()));
        }
        if (request.host() != null) {
            serveArgs.addAll(List.of("--host", request.host()));
        }
        if (request.port() != null) {
            serveArgs.addAll(List.of("--port", request.port().toString()));
        }
        Path logDir = stateDir.resolve(config.logDir());
        RuntimeState started = new ServerLauncher(instances).launch(stateDir, serveArgs, logDir, request.timeout());
        return new Outcome(started, false);
    }

    private RuntimeState attachToDaemon(DocServeConfig config, Path projectRoot) {
        SharedDaemon daemon = new SharedDaemon(instances);
        String url = daemon.runningUrl(config).orElseThrow(() -> new StartException(
                StartException.Kind.DAEMON_UNAVAILABLE, "this project is configured for the shared daemon, which "
                        + "is not running; start it with 'doc-serve start --mode shared', then run 'doc-serve start' again"));
        return daemon.register(url, projectRoot);
    }

    /**
     * The project's mode: {@code DOC_SERVE_MODE} when set, else {@code config.json}'s {@code mode}.
     * The settings chain does not carry {@code config.json}'s mode (there it would turn the project's
     * own {@code serve} into the shared daemon), so it is read here.
     */
    private static InstanceMode projectMode(DocServeConfig config, StateDir stateDir) {
        if (System.getenv("DOC_SERVE_MODE") != null) {
            return config.mode();
        }
        try {
            return ConfigFiles.readProjectConfig(stateDir.configFile()).map(ProjectConfig::mode).map(InstanceMode::parse)
                    .orElse(config.mode());
        } catch (InvalidConfigFileException | IllegalArgumentException e) {
            throw new StartException(StartException.Kind.CONFIG, e.getMessage());
        }
    }

    private static StateDir stateDir(Request request) {
        if (request.sharedDaemon()) {
            return SharedHome.fromEnvironment().daemonStateDir();
        }
        try {
            return StateDir.of(ProjectRoot.resolve(request.path() == null ? Path.of("") : request.path()));
        } catch (ProjectRootException e) {
            throw new StartException(StartException.Kind.CONFIG, e.getMessage());
        }
    }

    private static DocServeConfig config(Request request, StateDir stateDir) {
        Map<String, String> flags = new LinkedHashMap<>();
        if (request.sharedDaemon()) {
            flags.put("doc-serve.mode", InstanceMode.SHARED.wireName());
        } else {
            flags.put("doc-serve.project-root", stateDir.owner().toString());
        }
        if (request.host() != null) {
            flags.put("doc-serve.bind-host", request.host());
        }
        if (request.port() != null) {
            flags.put("doc-serve.port", request.port().toString());
        }
        try {
            return EffectiveConfig.load(flags);
        } catch (InvalidConfigFileException | IllegalArgumentException e) {
            throw new StartException(StartException.Kind.CONFIG, e.getMessage());
        }
    }
}
