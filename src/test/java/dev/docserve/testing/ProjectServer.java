package dev.docserve.testing;

import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** A project-mode server run as a real process ({@code serve} in the project), once it has published runtime.json. */
public final class ProjectServer extends ServerProcess {

    private ProjectServer(DocServeProcess process, RuntimeState state) {
        super(process, state);
    }

    /** The environment of a test server: a temporary shared home, the small in-process model, no OpenAI key. */
    public static Map<String, String> environment(Path home) {
        return new HashMap<>(SharedDaemon.environment(home));
    }

    public static ProjectServer start(Path project, Map<String, String> env) {
        DocServeProcess process = DocServeProcess.launch(project, env, "serve");
        HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
        try {
            RuntimeState state = Eventually.await("the project server's runtime.json", SharedDaemon.START, () -> {
                if (!process.isAlive()) {
                    throw new AssertionError("server exited: " + process.stderr() + process.stdout());
                }
                RuntimeState current = RuntimeFile.readLeniently(TempProject.stateDir(project).resolve("runtime.json"))
                        .orElse(null);
                return current != null && current.pid() == process.pid()
                        && probe.answersAs(current.baseUrl(), current.instanceId()) ? current : null;
            });
            return new ProjectServer(process, state);
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }
}
