package dev.docserve.lifecycle.layout;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The shared home ({@code ~/.doc-serve}, or {@code DOC_SERVE_HOME}): the shared daemon's own state,
 * its per-project storage, the global settings file and the registry of running instances.
 */
public record SharedHome(Path dir) {

    public static SharedHome resolve(Optional<String> configured) {
        return new SharedHome(configured.filter(s -> !s.isBlank())
                .map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".doc-serve"))
                .toAbsolutePath()
                .normalize());
    }

    /** The home named by {@code DOC_SERVE_HOME}, for code that runs before any config is built. */
    public static SharedHome fromEnvironment() {
        return resolve(Optional.ofNullable(System.getenv("DOC_SERVE_HOME")));
    }

    public Path sharedConfigFile() {
        return dir.resolve("shared_config.json");
    }

    /** The daemon's state files live directly in the home, with the same names as a project's. */
    public StateDir daemonStateDir() {
        return new StateDir(dir, dir);
    }

    public Path projectStorage(String projectId) {
        return dir.resolve("projects").resolve(projectId);
    }

    public Path instancesDir() {
        return dir.resolve("instances");
    }
}
