package dev.docserve.cli;

import dev.docserve.lifecycle.client.InstanceStarter;
import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.client.StartException;
import dev.docserve.lifecycle.layout.RuntimeState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve start}: starts the server in the background and prints its URL once it answers;
 * an instance that already runs is reported instead (exit 0). Flags apply to this run only.
 */
@Command(name = "start", mixinStandardHelpOptions = true,
        description = "Start the server in the background (or --foreground) and print its base URL.")
public class StartCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Mixin
    ModeOption mode;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind for this run (default: config, 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "Port for this run; 0 lets the OS pick (default: config, 0).")
    Integer port;

    @Option(names = "--foreground", description = "Run the server in this terminal instead of in the background.")
    boolean foreground;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "Seconds to wait for the server to answer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        boolean shared = mode.shared();
        if (foreground) {
            if (project.json()) {
                throw new CliException(ExitCodes.USAGE, "--json cannot be combined with --foreground; drop one of them");
            }
            ServeCommand serve = new ServeCommand();
            serve.path = project.path;
            serve.mode = mode.given();
            serve.host = host;
            serve.port = port;
            return serve.call();
        }
        if (timeoutSeconds <= 0) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be a positive number of seconds");
        }
        Output out = project.out();
        out.note(shared ? "starting the shared doc-serve daemon..." : "starting doc-serve for " + project.root() + "...");
        InstanceStarter.Outcome outcome;
        try {
            outcome = new InstanceStarter(new Instances()).start(new InstanceStarter.Request(
                    project.path, shared, host, port, Duration.ofSeconds(timeoutSeconds)));
        } catch (StartException e) {
            throw new CliException(e.kind() == StartException.Kind.CONFIG ? ExitCodes.USAGE : ExitCodes.ERROR, e.getMessage());
        }
        RuntimeState state = outcome.state();
        if (out.json()) {
            var doc = InstanceView.of(state);
            doc.put("status", outcome.alreadyRunning() ? "already_running" : "started");
            out.printJson(doc);
        } else if (out.terminal()) {
            String what = outcome.alreadyRunning() ? "already running" : "started";
            out.println("doc-serve " + out.style(Output.Style.GREEN, what) + " for " + state.projectRoot()
                    + (state.pid() == null ? "" : " (pid " + state.pid() + ")"));
            out.println(out.style(Output.Style.BOLD, state.baseUrl()));
        } else {
            out.println(state.baseUrl());
        }
        return ExitCodes.OK;
    }
}
