package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.lifecycle.client.InstanceClient;
import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.client.Discovery;
import dev.docserve.lifecycle.layout.RuntimeState;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The running server of a project, as the client commands ({@code index}, {@code query},
 * {@code reset}, {@code jobs}) talk to it: its base URL and, when the project is served by the
 * shared daemon, the {@code project_id} every request must carry. Failures become one line that
 * says what to do.
 */
final class ProjectServer {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String projectId;
    private final InstanceClient client = new InstanceClient(REQUEST_TIMEOUT);

    private ProjectServer(String baseUrl, String projectId) {
        this.baseUrl = baseUrl;
        this.projectId = projectId;
    }

    /** @throws CliException exit 3 when nothing serves the project */
    static ProjectServer of(ProjectOptions project) {
        Discovery found = new Instances().lookup(project.projectStateDir());
        if (!Instances.reachable(found)) {
            throw new CliException(ExitCodes.NOT_RUNNING, "no doc-serve instance runs for " + project.root()
                    + "; start one with 'doc-serve start'");
        }
        RuntimeState state = found.state().orElseThrow();
        return new ProjectServer(state.baseUrl(), state.isPointer() ? state.projectId() : null);
    }

    JsonNode post(String path, Map<String, Object> body) {
        Map<String, Object> withProject = new LinkedHashMap<>(body);
        if (projectId != null) {
            withProject.put("project_id", projectId);
        }
        return expect(call(() -> client.post(baseUrl, path, withProject)), "POST " + path);
    }

    JsonNode get(String path) {
        return expect(call(() -> client.get(baseUrl, withProject(path))), "GET " + path);
    }

    JsonNode delete(String path) {
        return expect(call(() -> client.delete(baseUrl, withProject(path))), "DELETE " + path);
    }

    private String withProject(String path) {
        return projectId == null ? path
                : path + (path.contains("?") ? "&" : "?") + "project_id=" + URLEncoder.encode(projectId, StandardCharsets.UTF_8);
    }

    private JsonNode expect(InstanceClient.Response response, String what) {
        if (!response.ok()) {
            int exit = response.status() / 100 == 4 ? ExitCodes.USAGE : ExitCodes.ERROR;
            throw new CliException(exit, what + " answered " + response.status() + InstanceClient.detail(response));
        }
        return response.body().orElseGet(() -> dev.docserve.json.Json.mapper().createObjectNode());
    }

    private InstanceClient.Response call(Request request) {
        try {
            return request.send();
        } catch (IOException e) {
            throw new CliException(ExitCodes.ERROR, "cannot reach the server at " + baseUrl + ": " + e.getMessage());
        }
    }

    private interface Request {
        InstanceClient.Response send() throws IOException;
    }
}
