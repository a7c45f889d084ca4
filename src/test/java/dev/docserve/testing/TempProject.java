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

    /** A git project with one Markdown guide in {@code docs/}, enough to index and query. */
    public static Path withGuide(Path parent, String name) {
        Path root = gitProject(parent, name);
        try {
            Files.createDirectories(root.resolve("docs"));
            Files.writeString(root.resolve("docs/guide.md"), "# Guide\n\nStart the server with doc-serve start.\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    public static Path stateDir(Path projectRoot) {
        return projectRoot.resolve(".claude").resolve("doc-serve");
    }
}
