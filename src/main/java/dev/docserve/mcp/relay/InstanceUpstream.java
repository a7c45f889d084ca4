package dev.docserve.mcp.relay;

import dev.docserve.lifecycle.client.InstanceStarter;
import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.client.StartException;
import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.security.AccessToken;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The project's own instance, as {@code doc-serve start} finds or starts it: a project-mode server, or
 * for a project configured for the shared daemon, the daemon (tool calls then carry the project's
 * {@code project_root}).
 *
 * <p>Several relays starting at once (ten agent sessions opened together) race to launch a server; the
 * instance lock lets one win and the others' servers exit. A loser's start then fails, so it looks again
 * until its timeout: every relay ends up on the one server.
 */
public final class InstanceUpstream implements Upstream {

    private static final Duration RETRY_PAUSE = Duration.ofMillis(300);

    private final Path path;
    private final Duration timeout;

    public InstanceUpstream(Path path, Duration timeout) {
        this.path = path;
        this.timeout = timeout;
    }

    @Override
    public Endpoint locate() {
        long deadline = System.nanoTime() + timeout.toNanos();
        StartException last = null;
        while (true) {
            try {
                RuntimeState state = new InstanceStarter(new Instances()).start(
                        new InstanceStarter.Request(path, false, null, null, timeout)).state();
                return endpoint(state);
            } catch (StartException e) {
                last = e;
                if (e.kind() == StartException.Kind.CONFIG || System.nanoTime() > deadline) {
                    throw new UpstreamUnavailableException(e.getMessage(), e);
                }
            }
            try {
                Thread.sleep(RETRY_PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UpstreamUnavailableException("interrupted while starting doc-serve", last);
            }
        }
    }

    private Endpoint endpoint(RuntimeState state) {
        String authorization = AccessToken.fromEnvironment().map(AccessToken::header).orElse(null);
        Map<String, Object> projectArgs = Map.of();
        if (InstanceMode.SHARED.wireName().equals(state.mode())) {
            projectArgs = state.projectId() != null ? Map.of("project_id", state.projectId())
                    : Map.of("project_root", ProjectRoot.resolve(path).toString());
        }
        return new Endpoint(state.baseUrl() + "/mcp", authorization, projectArgs);
    }
}
