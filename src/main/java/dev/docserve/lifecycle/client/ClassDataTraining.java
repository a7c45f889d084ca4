package dev.docserve.lifecycle.client;

import dev.docserve.json.FileTrees;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A throwaway {@code serve} that writes the class-data archive ({@link ClassDataArchive}) and exits: it
 * starts on an empty project of its own, under a home of its own (so no {@code list} ever shows it),
 * records what it loads, and a moment after it is ready writes the archive and stops
 * ({@code ClassDataDump} in the server). Its folder lives under {@code <home>/cache/cds/training/}
 * and is removed by the next training.
 *
 * <p>One training per archive at a time: a marker beside the runs says when the last one began, and a
 * launcher starts another only when the marker is older than {@link #RETRY} (a training takes ~10 s;
 * one that failed is retried that much later, not at every start).
 */
public final class ClassDataTraining {

    /** How long a training keeps others from starting, and how long its folder is kept. */
    static final Duration RETRY = Duration.ofMinutes(10);

    private ClassDataTraining() {
    }

    /**
     * Starts a training server in the background when the archive is missing and no recent training
     * of it is under way. Never throws: without an archive, servers start as they did.
     *
     * @return the training process, when this call started one
     */
    public static Optional<Process> startIfMissing(ClassDataArchive archive) {
        if (archive.exists()) {
            return Optional.empty();
        }
        Path runs = archive.file().resolveSibling("training");
        Path marker = runs.resolve(archive.file().getFileName() + ".began");
        try {
            Files.createDirectories(runs);
            if (Files.exists(marker) && Files.getLastModifiedTime(marker).toInstant().isAfter(Instant.now().minus(RETRY))) {
                return Optional.empty();
            }
            Files.writeString(marker, Instant.now() + "\n");
            dropEarlierRuns(runs);
            Path run = Files.createTempDirectory(runs, "run-");
            Path project = trainingProject(run);
            List<String> jvmOptions = new ArrayList<>(ServerJvmOptions.forServer());
            jvmOptions.addAll(archive.trainingOptions());
            ProcessBuilder builder = new ProcessBuilder(ServerLauncher.command(jvmOptions, List.of("--mode", "project", "--port", "0")))
                    .directory(project.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(run.resolve("server.out").toFile())
                    .redirectErrorStream(true);
            trainingEnvironment(builder.environment(), run.resolve("home"));
            return Optional.of(builder.start());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * An empty project that is its own root: an empty git repository, since a project resolves to the
     * nearest enclosing git top level first, and a home folder kept in git would otherwise be the
     * project the training server served and locked.
     */
    static Path trainingProject(Path run) throws IOException {
        Path project = Files.createDirectories(run.resolve("project"));
        Path git = Files.createDirectories(project.resolve(".git"));
        Files.createDirectories(git.resolve("objects"));
        Files.createDirectories(git.resolve("refs").resolve("heads"));
        Files.writeString(git.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.writeString(project.resolve("README.md"), "# doc-serve class-data training\n");
        return project;
    }

    /**
     * The user's environment without doc-serve's own settings, which could point the training server at
     * the user's port, mode, token or OpenSearch cluster: it runs on the defaults, under its own home.
     */
    static void trainingEnvironment(Map<String, String> environment, Path home) {
        environment.keySet().removeIf(name -> name.startsWith("DOC_SERVE_"));
        environment.put("DOC_SERVE_HOME", home.toString());
    }

    /** Runs and markers older than {@link #RETRY}: their servers have long written their archive and exited. */
    private static void dropEarlierRuns(Path runs) throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(RETRY));
        try (Stream<Path> entries = Files.list(runs)) {
            for (Path run : entries.filter(p -> p.getFileName().toString().startsWith("run-")
                    || p.getFileName().toString().endsWith(".began")).toList()) {
                if (Files.getLastModifiedTime(run).compareTo(before) < 0) {
                    FileTrees.deleteTree(run);
                }
            }
        }
    }
}
