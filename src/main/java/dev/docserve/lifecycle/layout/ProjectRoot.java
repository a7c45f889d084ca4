package dev.docserve.lifecycle.layout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the project a folder belongs to: the git top level (symlinks resolved), else the nearest
 * ancestor holding a project marker, else the folder itself. Every subdirectory and every
 * symlinked path of a project resolves to the same canonical root.
 */
public final class ProjectRoot {

    static final List<String> MARKERS = List.of(
            ".claude", "pom.xml", "build.gradle", "package.json", "pyproject.toml", "Cargo.toml", "go.mod");

    private ProjectRoot() {
    }

    /**
     * @throws ProjectRootException when the folder does not exist or is not a directory
     */
    public static Path resolve(Path start) {
        Path canonical = canonical(start);
        for (Path dir = canonical; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve(".git"))) {
                return dir;
            }
        }
        for (Path dir = canonical; dir != null; dir = dir.getParent()) {
            for (String marker : MARKERS) {
                if (Files.exists(dir.resolve(marker)) && !isSharedHomeMarker(dir, marker)) {
                    return dir;
                }
            }
        }
        return canonical;
    }

    private static Path canonical(Path start) {
        Path absolute = start.toAbsolutePath();
        if (!Files.exists(absolute)) {
            throw new ProjectRootException("cannot resolve a project root: " + absolute + " does not exist; "
                    + "run from inside the project or pass --path DIR");
        }
        if (!Files.isDirectory(absolute)) {
            throw new ProjectRootException("cannot resolve a project root: " + absolute + " is not a directory; "
                    + "pass the project folder with --path DIR");
        }
        try {
            return absolute.toRealPath();
        } catch (IOException e) {
            throw new ProjectRootException("cannot resolve a project root from " + absolute + ": " + e.getMessage());
        }
    }

    /** The home folder's own {@code ~/.claude} belongs to the tool, not to a project there. */
    private static boolean isSharedHomeMarker(Path dir, String marker) {
        String home = System.getProperty("user.home");
        return ".claude".equals(marker) && home != null && dir.equals(Path.of(home).toAbsolutePath());
    }
}
