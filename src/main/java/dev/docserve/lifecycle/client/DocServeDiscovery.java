package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.ProjectRoot;
import dev.docserve.lifecycle.layout.StateDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Finds the doc-serve instance of a project, for skills, agents and tools written in Java.
 * Both methods validate what they return the way the contract prescribes (the recorded process is
 * alive and {@code /health} answers with the recorded {@code instance_id}); {@link #find} reads two
 * small files and makes one loopback HTTP call.
 *
 * <pre>{@code
 * String url = DocServeDiscovery.findOrStart(Path.of("."));   // e.g. http://127.0.0.1:40123
 * }</pre>
 */
public final class DocServeDiscovery {

    private DocServeDiscovery() {
    }

    /**
     * @param anyPathInProject the project root or any folder inside it, symlinks allowed
     * @return the base URL of the running instance, or empty when none answers
     * @throws dev.docserve.lifecycle.layout.ProjectRootException when the path is not an existing folder
     */
    public static Optional<String> find(Path anyPathInProject) {
        return new Instances().baseUrl(StateDir.of(ProjectRoot.resolve(anyPathInProject)));
    }

    /** Like {@link #findOrStart(Path, Duration)} with a 30 s start timeout. */
    public static String findOrStart(Path anyPathInProject) {
        return findOrStart(anyPathInProject, InstanceStarter.DEFAULT_TIMEOUT);
    }

    /**
     * Returns the running instance's base URL, starting a background server first if none runs.
     *
     * @throws StartException when it cannot be started; the message says why
     */
    public static String findOrStart(Path anyPathInProject, Duration timeout) {
        InstanceStarter.Request request = new InstanceStarter.Request(anyPathInProject, false, null, null, timeout);
        return new InstanceStarter(new Instances()).start(request).state().baseUrl();
    }
}
