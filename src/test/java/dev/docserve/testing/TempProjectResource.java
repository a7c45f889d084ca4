package dev.docserve.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives every {@code @QuarkusTest} server a throwaway git project and shared home, so tests never
 * write into this repository's own {@code .claude/} or the user's {@code ~/.doc-serve}.
 */
public class TempProjectResource implements QuarkusTestResourceLifecycleManager {

    private Path base;

    @Override
    public Map<String, String> start() {
        try {
            base = Files.createTempDirectory("doc-serve-quarkus-test");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Path project = TempProject.gitProject(base, "project");
        return Map.of(
                "doc-serve.project-root", project.toString(),
                "doc-serve.home", base.resolve("home").toString());
    }

    @Override
    public void stop() {
        // The temp folder is left for post-mortems; the OS cleans its temp directory.
    }
}
