package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;

/**
 * Looks up the instance that serves a state directory, the way the contract tells every client to:
 * {@code runtime.json}, a live recorded process, and {@code /health} answering with the recorded
 * {@code instance_id}. A shared-mode pointer counts as running when the daemon it names answers
 * {@code /health} as a shared-mode server.
 */
public final class Instances {

    /** Long enough for a busy machine, short enough that a hung server does not hang a CLI call. */
    public static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final InstanceFinder finder;
    private final InstanceClient client;

    public Instances(Duration timeout) {
        this.finder = new InstanceFinder(new HealthProbe(timeout));
        this.client = new InstanceClient(timeout);
    }

    public Instances() {
        this(PROBE_TIMEOUT);
    }

    public Discovery lookup(StateDir stateDir) {
        Discovery found = finder.find(stateDir);
        if (found.status() != Discovery.Status.POINTER) {
            return found;
        }
        RuntimeState pointer = found.state().orElseThrow();
        return daemonAnswers(pointer.baseUrl())
                ? found
                : new Discovery(Discovery.Status.STALE, found.state(),
                        "the shared daemon at " + pointer.baseUrl() + " named in " + stateDir.runtimeFile() + " does not answer");
    }

    /** Whether a lookup result is something a client can talk to. */
    public static boolean reachable(Discovery found) {
        return found.isRunning() || found.status() == Discovery.Status.POINTER;
    }

    public Discovery check(RuntimeState state) {
        return finder.check(state);
    }

    /** A shared daemon is known by its URL only (a pointer records no instance id): it must say it is one. */
    public boolean daemonAnswers(String baseUrl) {
        try {
            return client.getIfPresent(baseUrl, "/health").flatMap(InstanceClient.Response::document)
                    .map(health -> InstanceMode.SHARED.wireName().equals(health.get("mode")))
                    .orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    public InstanceClient client() {
        return client;
    }

    public Optional<String> baseUrl(StateDir stateDir) {
        Discovery found = lookup(stateDir);
        return reachable(found) ? Optional.ofNullable(found.baseUrl()) : Optional.empty();
    }
}
