package dev.docserve.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A throwaway git project, as users have them: a folder with {@code git init} run in it. */
public final class TempProject {

    private TempProject() {
    }

    public static Path gitProject(Path parent, String name) {
        try {
            Path root = Files.createDirectories(parent.resolve(name)).toRealPath();
            Process git = new ProcessBuilder("git", "init", "-q", root.toString()).redirectErrorStream(true).start();
            if (git.waitFor() != 0 || !Files.exists(root.resolve(".git"))) {
                Files.createDirectories(root.resolve(".git"));
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static Path stateDir(Path projectRoot) {
        return projectRoot.resolve(".claude").resolve("doc-serve");
    }
}
