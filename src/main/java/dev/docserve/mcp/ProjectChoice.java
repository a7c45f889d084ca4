package dev.docserve.mcp;

import dev.docserve.project.ProjectRegistry;
import dev.docserve.project.ProjectServices;
import dev.docserve.project.ProjectView;
import io.quarkiverse.mcp.server.ToolCallException;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which project a tool call is for. A project-mode server has one and ignores the arguments; the shared
 * daemon needs {@code project_id} or a {@code project_root} at or under a registered root (an agent
 * passes its working directory), and answers a missing or unknown one with a tool error that lists the
 * registered projects, so the agent can retry on its own.
 */
@Singleton
public class ProjectChoice {

    private final ProjectRegistry projects;

    public ProjectChoice(ProjectRegistry projects) {
        this.projects = projects;
    }

    public ProjectServices resolve(String projectId, String projectRoot) {
        if (!projects.isSharedMode()) {
            return projects.resolve(null);
        }
        if (projectId != null && !projectId.isBlank()) {
            Optional<ProjectView> known = registered().stream().filter(p -> p.projectId().equals(projectId.strip())).findFirst();
            if (known.isEmpty()) {
                throw new ToolCallException("no project " + projectId.strip() + " is registered with this daemon; "
                        + registeredList());
            }
            return resolveRegistered(known.get().projectId());
        }
        if (projectRoot != null && !projectRoot.isBlank()) {
            Path root = realPath(projectRoot.strip());
            Optional<ProjectView> holder = registered().stream()
                    .filter(p -> root.startsWith(Path.of(p.projectRoot())))
                    .max(Comparator.comparingInt(p -> Path.of(p.projectRoot()).getNameCount()));
            if (holder.isEmpty()) {
                throw new ToolCallException("project_root " + root + " is not (inside) a project registered with this daemon; "
                        + registeredList() + ". Register it: cd " + root + " && doc-serve init --mode shared && doc-serve start (or POST /projects)");
            }
            return resolveRegistered(holder.get().projectId());
        }
        throw new ToolCallException("this is the shared doc-serve daemon: name the project with project_id or "
                + "project_root (your working directory); " + registeredList());
    }

    private ProjectServices resolveRegistered(String projectId) {
        try {
            return projects.resolve(projectId);
        } catch (RuntimeException e) {
            // The registry's own refusal (a root that vanished, an index that cannot open) says what to do.
            throw new ToolCallException(e.getMessage(), e);
        }
    }

    private List<ProjectView> registered() {
        return projects.list();
    }

    String registeredList() {
        List<ProjectView> all = registered();
        if (all.isEmpty()) {
            return "no project is registered yet (in a project folder: doc-serve init --mode shared && doc-serve start, or POST /projects)";
        }
        return "registered projects: " + all.stream()
                .map(p -> p.projectId() + " (" + p.projectRoot() + ")")
                .collect(Collectors.joining(", "));
    }

    private static Path realPath(String value) {
        try {
            Path path = Path.of(value).toAbsolutePath().normalize();
            try {
                return path.toRealPath();
            } catch (IOException e) {
                return path;
            }
        } catch (InvalidPathException e) {
            throw new ToolCallException("project_root is not a valid path: " + e.getMessage());
        }
    }
}
