package dev.docserve.instance;

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

    /** A configured folder ({@code data_dir}, {@code log_dir}): relative paths hang off the state dir. */
    public Path resolve(String configured) {
        return dir.resolve(configured).normalize();
    }
}
