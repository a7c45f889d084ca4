package dev.docserve.lifecycle.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.TempProject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive with real servers launched by {@code start} (issue 17). On by default; the
 * build turns it off for the other integration tests ({@code DOC_SERVE_CLASS_DATA_ARCHIVE=false} in the
 * failsafe configuration, so that their hundred fresh homes do not each train one), and these tests
 * turn it on explicitly.
 */
class ClassDataArchiveIT {

    private static final Duration CLI = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void theFirstStartShouldTrainTheArchiveInAThrowawayServerAndTheNextStartShouldMapIt() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path project = TempProject.gitProject(temp, "alpha");
        Path cds = home.resolve("cache/cds");
        Map<String, String> env = Map.of("DOC_SERVE_HOME", home.toString(), ClassDataArchive.ENVIRONMENT, "true");

        RuntimeState first = start(project, env);
        assertThat(commandLine(first.pid())).as("the user's server neither records nor dumps")
                .doesNotContain("RecordDynamicDumpInfo").doesNotContain("SharedArchiveFile");
        List<Path> archives = Eventually.await("an archive in " + cds, Duration.ofSeconds(90), () -> archives(cds).size() == 1
                ? archives(cds) : null);
        Eventually.await("the training server gone", Duration.ofSeconds(60),
                () -> trainingServers(archives.get(0)).isEmpty() ? true : null);
        assertThat(ProcessHandle.of(first.pid())).as("the user's server still runs").hasValueSatisfying(
                process -> assertThat(process.isAlive()).isTrue());
        stop(project, env);

        RuntimeState second = start(project, env);
        try {
            assertThat(commandLine(second.pid())).contains("-XX:SharedArchiveFile=" + archives.get(0));
            assertThat(Files.readString(Path.of("/proc", second.pid().toString(), "maps")))
                    .as("the JVM mapped the archive").contains(archives.get(0).toString());
        } finally {
            stop(project, env);
        }
        assertThat(files(cds).stream().filter(Files::isRegularFile).toList()).as("no partial file left").isEqualTo(archives);
    }

    @Test
    void shouldNeitherTrainNorMapAnArchiveWhenTurnedOff() throws IOException {
        Path home = Files.createDirectories(temp.resolve("home"));
        Path project = TempProject.gitProject(temp, "alpha");
        Map<String, String> env = Map.of("DOC_SERVE_HOME", home.toString(), ClassDataArchive.ENVIRONMENT, "false");

        RuntimeState server = start(project, env);
        try {
            assertThat(commandLine(server.pid())).doesNotContain("RecordDynamicDumpInfo").doesNotContain("SharedArchiveFile");
        } finally {
            stop(project, env);
        }
        assertThat(home.resolve("cache/cds")).doesNotExist();
    }

    /** Live processes recording what they load for this archive. */
    private static List<ProcessHandle> trainingServers(Path archive) {
        return ProcessHandle.allProcesses().filter(process -> process.info().arguments()
                .map(args -> String.join(" ", args)).filter(args -> args.contains("RecordDynamicDumpInfo")
                        && args.contains(archive.toString())).isPresent()).toList();
    }

    private static RuntimeState start(Path project, Map<String, String> env) {
        DocServeProcess.Result start = run(project, env, "start");
        assertThat(start.exitCode()).as(start.stderr()).isZero();
        return RuntimeFile.readLeniently(TempProject.stateDir(project).resolve("runtime.json")).orElseThrow();
    }

    private static void stop(Path project, Map<String, String> env) {
        DocServeProcess.Result stop = run(project, env, "stop");
        assertThat(stop.exitCode()).as(stop.stderr()).isZero();
    }

    private static DocServeProcess.Result run(Path project, Map<String, String> env, String command) {
        try (DocServeProcess process = DocServeProcess.launch(project, env, command)) {
            int exit = process.waitForExit(CLI);
            return new DocServeProcess.Result(exit, process.stdout(), process.stderr());
        }
    }

    private static List<Path> archives(Path dir) {
        return files(dir).stream().filter(file -> file.getFileName().toString().endsWith(".jsa")).toList();
    }

    private static List<Path> files(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String commandLine(long pid) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline"))).replace('\0', ' ');
    }
}
