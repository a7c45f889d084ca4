package dev.docserve.cli;

import dev.docserve.lifecycle.client.InstanceStopper;
import dev.docserve.lifecycle.client.StopException;

import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.layout.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code doc-serve stop}: stops the project's server (or the shared daemon); idempotent. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = "Stop the server gracefully (SIGTERM); exits 0 when nothing runs.")
public class StopCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Mixin
    ModeOption mode;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "10",
            description = "Seconds to wait for a graceful stop (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Option(names = "--force", description = "Kill (SIGKILL) a server that does not stop in time or does not answer.")
    boolean force;

    @Override
    public Integer call() {
        if (timeoutSeconds <= 0) {
            throw new CliException(ExitCodes.USAGE, "--timeout must be a positive number of seconds");
        }
        StateDir stateDir = project.stateDir(mode.shared());
        InstanceStopper.Result result;
        try {
            result = new InstanceStopper(new Instances(), InstanceStopper.Signals.OS)
                    .stop(stateDir, Duration.ofSeconds(timeoutSeconds), force);
        } catch (StopException e) {
            throw new CliException(ExitCodes.ERROR, e.getMessage());
        }
        Output out = project.out();
        String what = mode.shared() ? "the shared daemon" : "doc-serve for " + stateDir.owner();
        String message = switch (result) {
            case STOPPED -> "stopped " + what;
            case KILLED -> "killed " + what;
            case NOT_RUNNING -> what + " is not running";
            case SHARED_POINTER -> stateDir.owner() + " is served by the shared daemon; stop the daemon with "
                    + "'doc-serve stop --mode shared'";
        };
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("result", result.name().toLowerCase());
            doc.put("project_root", stateDir.owner().toString());
            doc.put("message", message);
            out.printJson(doc);
        } else {
            out.println(message);
        }
        return ExitCodes.OK;
    }
}
