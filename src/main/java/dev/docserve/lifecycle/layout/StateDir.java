package dev.docserve.lifecycle.layout;

import dev.docserve.json.AtomicFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where one instance keeps its state: {@code <project>/.claude/doc-serve/} in project mode, the
 * shared home for the shared daemon. Names the files of the lock protocol.
 *
 * @param owner the project root (or the shared home) this state belongs to
 * @param dir the state directory itself
 */
public record StateDir(Path owner, Path dir) {

    public static StateDir of(Path projectRoot) {
        return new StateDir(projectRoot, projectRoot.resolve(".claude").resolve("doc-serve"));
    }

    public Path configFile() {
        return dir.resolve("config.json");
    }

    public Path runtimeFile() {
        return dir.resolve("runtime.json");
    }

    public Path lockFile() {
        return dir.resolve("doc-serve.lock");
    }

    public Path pidFile() {
        return dir.resolve("doc-serve.pid");
    }

    public Path gitignoreFile() {
        return dir.resolve(".gitignore");
    }

    /** What the state dir's {@code .gitignore} says: everything here is local state except the config. */
    public static final String GITIGNORE = "# doc-serve: everything here is local state except the config\n*\n!config.json\n!.gitignore\n";

    /**
     * Creates the state directory if needed and confirms it takes writes.
     *
     * @throws StateDirException saying what to do when it cannot be created or is read-only
     */
    public void createWritable() {
        try {
            AtomicFiles.createOwnerOnlyDirectory(dir);
        } catch (IOException e) {
            throw new StateDirException("cannot create the state directory " + dir + " (" + e.getMessage()
                    + "); check the permissions of its parent folder");
        }
        try {
            Files.delete(Files.createTempFile(dir, ".write-check", ".tmp"));
        } catch (IOException e) {
            throw new StateDirException("the state directory " + dir + " is read-only; make it writable "
                    + "(chmod u+w, or remount the volume read-write) or run doc-serve on another project with --path");
        }
    }

    /** A configured folder ({@code data_dir}, {@code log_dir}): relative paths hang off the state dir. */
    public Path resolve(String configured) {
        return dir.resolve(configured).normalize();
    }
}
