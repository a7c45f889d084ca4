package dev.docserve.cli;

import dev.docserve.lifecycle.layout.InstanceMode;
import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.lifecycle.client.InstanceClient;
import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.layout.InstanceRegistry;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve list}: every instance running on this machine, from the registry in the shared
 * home. Each entry is checked live (process alive, {@code /health} answering with its instance id);
 * dead entries are pruned as a side effect.
 */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List every running doc-serve instance on this machine (projects and the shared daemon).")
public class ListCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Override
    public Integer call() {
        InstanceRegistry registry = new InstanceRegistry(SharedHome.fromEnvironment());
        Instances instances = new Instances();
        List<Map<String, Object>> live = new ArrayList<>();
        for (InstanceRegistry.Entry entry : registry.entries()) {
            if (!instances.check(entry.state()).isRunning()) {
                registry.prune(entry);
                continue;
            }
            Map<String, Object> view = InstanceView.of(entry.state());
            if (InstanceMode.SHARED.wireName().equals(entry.state().mode())) {
                view.put("projects", daemonProjects(instances, entry.state().baseUrl()));
            }
            live.add(view);
        }
        Output out = project.out();
        if (out.json()) {
            out.printJson(Map.of("instances", live));
            return ExitCodes.OK;
        }
        if (live.isEmpty()) {
            out.println("no doc-serve instance is running");
            return ExitCodes.OK;
        }
        List<List<String>> rows = new ArrayList<>();
        Instant now = Instant.now();
        for (Map<String, Object> view : live) {
            Object started = view.get("started_at");
            rows.add(List.of(String.valueOf(view.get("mode")), String.valueOf(view.get("project_root")),
                    String.valueOf(view.get("base_url")), String.valueOf(view.get("pid")),
                    InstanceView.uptime(started == null ? null : Instant.parse(started.toString()), now)));
            if (view.get("projects") instanceof List<?> projects) {
                for (Object root : projects) {
                    rows.add(List.of("  project", String.valueOf(root), String.valueOf(view.get("base_url")), "-", "-"));
                }
            }
        }
        out.table(List.of("MODE", "PROJECT", "URL", "PID", "UPTIME"), rows);
        return ExitCodes.OK;
    }

    /** The project roots a shared daemon serves; empty while the daemon lacks {@code GET /projects}. */
    private static List<String> daemonProjects(Instances instances, String baseUrl) {
        List<String> roots = new ArrayList<>();
        try {
            instances.client().getIfPresent(baseUrl, "/projects").flatMap(InstanceClient.Response::body).ifPresent(body -> {
                JsonNode items = body.isArray() ? body : body.path("projects");
                items.forEach(item -> roots.add(item.isTextual() ? item.asText() : item.path("project_root").asText()));
            });
        } catch (IOException e) {
            // The daemon answered /health a moment ago; a failing listing only leaves the projects out.
        }
        return roots;
    }
}
