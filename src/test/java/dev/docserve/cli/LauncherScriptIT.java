package dev.docserve.cli;

import dev.docserve.testing.Eventually;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code src/main/dist/doc-serve} runs client commands on a flat class path, not the fast-jar: the
 * same lifecycle must work through it (config mappings, logging and the server launch included).
 */
class LauncherScriptIT {

    @TempDir
    Path tmp;

    @Test
    void theLauncherScriptShouldStartReportAndStopAServerWithCleanOutput() throws Exception {
        Path project = CliProcess.gitProject(tmp, "p");
        try {
            Result start = launcher(project, "start");
            assertThat(start.exit()).as(start.toString()).isZero();
            assertThat(start.stdout()).matches("http://127\\.0\\.0\\.1:\\d+\\n");
            assertThat(start.stderr()).isEmpty();

            Result url = launcher(project, "url");
            assertThat(url.stdout()).isEqualTo(start.stdout());
            assertThat(url.stderr()).isEmpty();
            assertThat(launcher(project, "status").exit()).isZero();
        } finally {
            Result stop = launcher(project, "stop", "--force");
            assertThat(stop.exit()).as(stop.toString()).isZero();
        }
        assertThat(launcher(project, "status").exit()).isEqualTo(3);
    }

    @Test
    void theLauncherShouldTrainOneClassDataArchivePerBuildAndDropThoseOfEarlierBuilds() throws Exception {
        Path project = CliProcess.gitProject(tmp, "q");
        Path cache = Files.createDirectories(tmp.resolve("cache/doc-serve"));
        Path earlierBuild = Files.writeString(cache.resolve("cli-12345.jsa"), "an archive of another build");

        Result version = launcher(project, "--version");
        assertThat(version.exit()).as(version.toString()).isZero();
        Eventually.await("the archive of this build", Duration.ofSeconds(60), () -> archives(cache).size() == 1
                && !archives(cache).contains(earlierBuild));

        Path archive = archives(cache).get(0);
        assertThat(Files.size(archive)).isGreaterThan(1_000_000);
        assertThat(launcher(project, "--version").stdout()).isEqualTo(version.stdout());
        assertThat(archives(cache)).as("the same build reuses its archive").containsExactly(archive);
    }

    @Test
    void startShouldRunTheServerWithTheFootprintOptionsAndLetDocServeJavaOptsOverrideThem() throws Exception {
        Path project = CliProcess.gitProject(tmp, "opts");
        try {
            Result start = launcher(project, "start");
            assertThat(start.exit()).as(start.toString()).isZero();
            assertThat(serverCommandLine(project)).containsSubsequence("-XX:+UseSerialGC", "-Xms16m", "-XX:MinHeapFreeRatio=10",
                    "-XX:MaxHeapFreeRatio=30", "-jar");
            assertThat(launcher(project, "stop").exit()).isZero();

            Result custom = launcher(project, Map.of("DOC_SERVE_JAVA_OPTS", "-XX:+UseG1GC -Xmx300m"), "start");
            assertThat(custom.exit()).as(custom.toString()).isZero();
            assertThat(serverCommandLine(project)).containsSubsequence("-Xms16m", "-XX:+UseG1GC", "-Xmx300m", "-jar")
                    .doesNotContain("-XX:+UseSerialGC");
        } finally {
            launcher(project, "stop", "--force");
        }
    }

    @Test
    void serveThroughTheScriptShouldGetTheSameOptionsAndTheOverride() throws Exception {
        Path project = CliProcess.gitProject(tmp, "serve-opts");
        ProcessBuilder builder = new ProcessBuilder(Path.of("src/main/dist/doc-serve").toAbsolutePath().toString(), "serve")
                .directory(project.toFile()).redirectOutput(tmp.resolve("serve.out").toFile()).redirectErrorStream(true);
        builder.environment().putAll(environment(Map.of("DOC_SERVE_JAVA_OPTS", "-Xmx300m -XX:+UseParallelGC")));
        Process serve = builder.start();
        try {
            List<String> command = Eventually.await("the server's runtime.json", Duration.ofSeconds(60), () -> {
                List<String> line = serverCommandLine(project);
                return line.isEmpty() ? null : line;
            });
            assertThat(command).containsSubsequence("-Xms16m", "-XX:MaxHeapFreeRatio=30", "-Xmx300m", "-XX:+UseParallelGC", "-jar")
                    .doesNotContain("-XX:+UseSerialGC");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** The command line of the process that runtime.json names, or empty while there is none. */
    private static List<String> serverCommandLine(Path project) {
        try {
            Path runtime = project.resolve(".claude/doc-serve/runtime.json");
            if (!Files.exists(runtime)) {
                return List.of();
            }
            long pid = dev.docserve.json.Json.mapper().readTree(runtime.toFile()).path("pid").asLong();
            byte[] raw = Files.readAllBytes(Path.of("/proc", String.valueOf(pid), "cmdline"));
            return List.of(new String(raw, StandardCharsets.UTF_8).split("\u0000"));
        } catch (IOException e) {
            return List.of();
        }
    }

    private static List<Path> archives(Path cache) {
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result launcher(Path dir, String... args) throws Exception {
        return launcher(dir, Map.of(), args);
    }

    private Map<String, String> environment(Map<String, String> extra) {
        Path app = Path.of(System.getProperty("docserve.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath().getParent();
        Map<String, String> env = new java.util.HashMap<>(Map.of("DOC_SERVE_HOME", tmp.resolve("home").toString(),
                "DOC_SERVE_APP", app.toString(), "XDG_CACHE_HOME", tmp.resolve("cache").toString()));
        env.putAll(extra);
        return env;
    }

    private Result launcher(Path dir, Map<String, String> env, String... args) throws Exception {
        Path script = Path.of("src/main/dist/doc-serve").toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().remove("DOC_SERVE_JAVA_OPTS");
        builder.environment().putAll(environment(env));
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
