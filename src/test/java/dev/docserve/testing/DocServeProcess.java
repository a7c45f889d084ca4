package dev.docserve.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged doc-serve jar run as a real OS process, the way a user runs it: output goes to files
 * (so a detached server cannot block on a full pipe), and the shared home is a temporary folder so a
 * test never touches the real {@code ~/.doc-serve}.
 */
public final class DocServeProcess implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private DocServeProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** The jar that {@code ./mvnw verify} built; the failsafe configuration passes its path. */
    public static Path jar() {
        String configured = System.getProperty("docserve.app.jar", "target/quarkus-app/quarkus-run.jar");
        Path jar = Path.of(configured).toAbsolutePath();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("no packaged app at " + jar + "; run ./mvnw verify");
        }
        return jar;
    }

    public static DocServeProcess launch(Path workingDir, Path home, String... args) {
        return launch(workingDir, Map.of("DOC_SERVE_HOME", home.toString()), args);
    }

    public static DocServeProcess launch(Path workingDir, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(jar().toString());
        command.addAll(List.of(args));
        try {
            Path logs = Files.createTempDirectory("doc-serve-process");
            Path out = logs.resolve("stdout.txt");
            Path err = logs.resolve("stderr.txt");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workingDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile());
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().putAll(env);
            return new DocServeProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a command to completion and returns its result. */
    public static Result run(Path workingDir, Path home, Duration timeout, String... args) {
        try (DocServeProcess process = launch(workingDir, home, args)) {
            int exit = process.waitForExit(timeout);
            return new Result(exit, process.stdout(), process.stderr());
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end; a process still running at the deadline is killed and fails the test. */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("doc-serve did not exit within " + timeout + "; stderr: " + stderr());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** SIGTERM, as {@code kill PID} or a supervisor sends it. */
    public void terminate() {
        process.destroy();
    }

    /** SIGKILL: no shutdown hook runs, the kernel frees the lock. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public String stdout() {
        return read(stdout);
    }

    /** Where the process's stdout and stderr go (kept after it ends, for a failure's evidence). */
    public List<Path> outputFiles() {
        return List.of(stdout, stderr);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** A finished command. */
    public record Result(int exitCode, String stdout, String stderr) {
    }
}
