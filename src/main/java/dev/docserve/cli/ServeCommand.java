package dev.docserve.cli;

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
        return new ServerRunner(flags, stateDir.resolve(config.logDir())).run();
    }

    private static void put(Map<String, String> flags, String key, Object value) {
        if (value != null) {
            flags.put(key, value.toString());
        }
    }
}
