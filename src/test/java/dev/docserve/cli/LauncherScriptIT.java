package dev.docserve.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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

    private record Result(int exit, String stdout, String stderr) {
    }

    private Result launcher(Path dir, String... args) throws Exception {
        Path script = Path.of("src/main/dist/doc-serve").toAbsolutePath();
        Path app = Path.of(System.getProperty("docserve.app.jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("DOC_SERVE_HOME", tmp.resolve("home").toString());
        builder.environment().put("DOC_SERVE_APP", app.toString());
        builder.environment().put("XDG_CACHE_HOME", tmp.resolve("cache").toString());
        Path out = tmp.resolve("out");
        Path err = tmp.resolve("err");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }
}
