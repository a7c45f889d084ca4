package dev.docserve.testing;

import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.security.AccessToken;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A shared daemon run as a real process ({@code serve --mode shared}) on a free port with a
 * temporary shared home, and the answer it published in {@code <home>/runtime.json}.
 */
public final class SharedDaemon extends ServerProcess {

    public static final Duration START = Duration.ofSeconds(60);
    /** The small in-process model: no network, quick to load. */
    public static final String TEST_MODEL = "all-minilm-l6-v2";

    private SharedDaemon(DocServeProcess process, RuntimeState state) {
        super(process, state);
    }

    public static Map<String, String> environment(Path home) {
        Map<String, String> env = new HashMap<>();
        env.put("DOC_SERVE_HOME", home.toString());
        env.put("DOC_SERVE_EMBEDDING_MODEL", TEST_MODEL);
        env.put("OPENAI_API_KEY", "");
        return env;
    }

    public static SharedDaemon start(Path workingDir, Path home, int port, String... extraArgs) {
        return start(workingDir, environment(home), home, port, null, extraArgs);
    }

    public static SharedDaemon start(Path workingDir, Map<String, String> env, Path home, int port, String token,
            String... extraArgs) {
        List<String> args = new ArrayList<>(List.of("serve", "--mode", "shared", "--port", String.valueOf(port)));
        args.addAll(List.of(extraArgs));
        DocServeProcess process = DocServeProcess.launch(workingDir, env, args.toArray(String[]::new));
        try {
            return new SharedDaemon(process, awaitPublished(process, home, token));
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
    }

    /** Waits until {@code <home>/runtime.json} names this process and {@code /health} answers as it. */
    public static RuntimeState awaitPublished(DocServeProcess process, Path home, String token) {
        HealthProbe probe = new HealthProbe(Duration.ofSeconds(2),
                Optional.ofNullable(token).flatMap(t -> AccessToken.resolve(Optional.of(t), Optional.empty())));
        return Eventually.await("the shared daemon's runtime.json", START, () -> {
            if (!process.isAlive()) {
                throw new AssertionError("daemon exited: " + process.stderr() + process.stdout());
            }
            RuntimeState state = RuntimeFile.readLeniently(home.resolve("runtime.json")).orElse(null);
            return state != null && state.pid() == process.pid() && probe.answersAs(state.baseUrl(), state.instanceId())
                    ? state : null;
        });
    }
}
