package dev.docserve.cli;

import dev.docserve.lifecycle.client.InstanceStarter;
import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.client.StartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve url}: prints only the base URL of the project's running instance, for
 * {@code curl "$(doc-serve url --start)/health"}. Exit 3 when none runs (unless {@code --start}).
 */
@Command(name = "url", mixinStandardHelpOptions = true,
        description = "Print the running server's base URL (and nothing else); --start starts it if needed.")
public class UrlCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Option(names = "--start", description = "Start the server in the background when none runs.")
    boolean start;

    @Option(names = "--timeout", paramLabel = "S", defaultValue = "30",
            description = "With --start: seconds to wait for the server to answer (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    public Integer call() {
        Instances instances = new Instances();
        String url = instances.baseUrl(project.projectStateDir()).orElse(null);
        if (url == null && start) {
            try {
                url = new InstanceStarter(instances).start(new InstanceStarter.Request(project.path, false, null, null,
                        Duration.ofSeconds(timeoutSeconds))).state().baseUrl();
            } catch (StartException e) {
                throw new CliException(e.kind() == StartException.Kind.CONFIG ? ExitCodes.USAGE : ExitCodes.ERROR,
                        e.getMessage());
            }
        }
        if (url == null) {
            throw new CliException(ExitCodes.NOT_RUNNING, "no doc-serve instance runs for " + project.root()
                    + "; start one with 'doc-serve start', or use 'doc-serve url --start'");
        }
        Output out = project.out();
        if (out.json()) {
            out.printJson(Map.of("base_url", url));
        } else {
            out.println(url);
        }
        return ExitCodes.OK;
    }
}
