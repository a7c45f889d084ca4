package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged CLI ({@code java -jar quarkus-run.jar ...}) as a real process, with a private
 * shared home ({@code DOC_SERVE_HOME}) so tests never touch {@code ~/.doc-serve}.
 */
final class CliProcess {

    /** What one command printed and returned. */
    record Result(int exitCode, String stdout, String stderr) {

        JsonNode json() {
            try {
                return Json.mapper().readTree(stdout);
            } catch (IOException e) {
                throw new AssertionError("stdout is not one JSON document: " + stdout + "\nstderr: " + stderr, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private final Path jar;
    private final Path home;

    CliProcess(Path home) {
        String configured = System.getProperty("docserve.app.jar", "target/quarkus-app/quarkus-run.jar");
        this.jar = Path.of(configured).toAbsolutePath();
        this.home = home;
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run ./mvnw package first");
        }
    }

    Path home() {
        return home;
    }

    Result run(Path workingDir, String... args) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
        builder.environment().put("DOC_SERVE_HOME", home.toString());
        builder.environment().remove("NO_COLOR");
        try {
            Path out = Files.createTempFile("cli", ".out");
            Path err = Files.createTempFile("cli", ".err");
            try {
                Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
                if (!process.waitFor(90, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("doc-serve " + String.join(" ", args) + " did not finish in 90 s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                        Files.readString(err, StandardCharsets.UTF_8));
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run doc-serve: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** A fresh git repository, as a user's project would be. */
    static Path gitProject(Path parent, String name) {
        try {
            Path dir = Files.createDirectories(parent.resolve(name));
            Process git = new ProcessBuilder("git", "init", "-q", dir.toString()).inheritIO().start();
            if (git.waitFor() != 0) {
                throw new AssertionError("git init failed in " + dir);
            }
            return dir.toRealPath();
        } catch (IOException e) {
            throw new AssertionError("cannot create a git project: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
