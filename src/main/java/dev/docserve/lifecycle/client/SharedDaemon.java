package dev.docserve.lifecycle.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.config.DocServeConfig;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A project's way to the shared daemon: find it ({@code shared_server_url}, else the shared home's
 * {@code runtime.json}) and register the project with {@code POST /projects}. The daemon answers
 * with the project's id and the URL to use; it writes the project's pointer file itself.
 */
final class SharedDaemon {

    private final Instances instances;

    SharedDaemon(Instances instances) {
        this.instances = instances;
    }

    /** The daemon's base URL when it answers. */
    Optional<String> runningUrl(DocServeConfig config) {
        Optional<String> configured = config.sharedServerUrl().filter(url -> !url.isBlank())
                .map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (configured.isPresent()) {
            return configured.filter(instances::daemonAnswers);
        }
        Discovery daemon = instances.lookup(SharedHome.resolve(config.home()).daemonStateDir());
        return daemon.isRunning() ? Optional.of(daemon.baseUrl()) : Optional.empty();
    }

    /** Registers the project and returns its pointer: the daemon's URL and the project's id. */
    RuntimeState register(String daemonUrl, Path projectRoot) {
        InstanceClient.Response response;
        try {
            response = instances.client().post(daemonUrl, "/projects", Map.of("project_root", projectRoot.toString()));
        } catch (IOException e) {
            throw new StartException(StartException.Kind.DAEMON_UNAVAILABLE, "cannot reach the shared daemon at "
                    + daemonUrl + ": " + e.getMessage() + "; check it with 'doc-serve status --mode shared'");
        }
        if (response.status() == 404 || response.status() == 405) {
            throw new StartException(StartException.Kind.DAEMON_UNAVAILABLE, "the shared daemon at " + daemonUrl
                    + " does not register projects yet (POST /projects answered " + response.status()
                    + "); run this project on its own server: set \"mode\": \"project\" in its config.json");
        }
        JsonNode body = response.body().orElse(null);
        if (!response.ok() || body == null || !body.hasNonNull("base_url")) {
            throw new StartException(StartException.Kind.DAEMON_UNAVAILABLE, "the shared daemon at " + daemonUrl
                    + " refused the project (" + response.status() + InstanceClient.detail(response) + ")");
        }
        return RuntimeState.sharedPointer(projectRoot, body.path("project_id").asText(null), body.get("base_url").asText());
    }
}
