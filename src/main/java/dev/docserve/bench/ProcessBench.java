package dev.docserve.bench;

import dev.docserve.lifecycle.client.ClassDataArchive;
import dev.docserve.lifecycle.client.ClassDataTraining;
import dev.docserve.lifecycle.client.ServerLauncher;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Times what a user feels of the process lifecycle, with real processes of this build: {@code serve}
 * from launch to a {@code /health} answering as the new instance, recovery from a {@code kill -9},
 * the wall time of {@code status}, and the idle memory of a server.
 *
 * <p>Each server's output goes to a file of its own under {@code <tmp>/doc-serve-bench-*}: deleted once
 * the server has done its part, kept (and named in the error) when it fails a step, so that a stall
 * can be explained after the fact.
 */
final class ProcessBench {

    static final Duration TIMEOUT = Duration.ofSeconds(90);
    /**
     * The servers' own start deadline, inside this bench's wait: a start that hangs then ends itself and
     * leaves its reason and every thread's stack in the kept output, instead of being killed mute.
     */
    static final String SERVER_START_TIMEOUT = "75s";

    private final Path project;
    private final Map<String, String> env;
    private final HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
    private Path outputs;
    private int launched;

    ProcessBench(Path project, Path home) {
        this(project, Map.of("DOC_SERVE_HOME", home.toString()));
    }

    /** Servers launched with {@code env} on top of this process's environment (the home, the storage backend). */
    ProcessBench(Path project, Map<String, String> env) {
        this.project = project;
        this.env = Map.copyOf(env);
    }

    /** A running server for further measurements; the caller stops it. */
    record Server(Process process, RuntimeState state, double readyMillis, Path output) {
    }

    Server startServer() throws IOException, InterruptedException {
        long began = System.nanoTime();
        Path output = nextOutput();
        Process process = launch(List.of("serve"), output);
        RuntimeState state = awaitReady(process, output);
        return new Server(process, state, (System.nanoTime() - began) / 1e6, output);
    }

    double[] startToReady(int rounds) throws IOException, InterruptedException {
        prepareClassDataArchive();
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            Server server = startServer();
            millis[i] = server.readyMillis();
            stop(server);
        }
        return millis;
    }

    /**
     * Trains the class-data archive when there is none yet, as a user's first {@code start} does, and
     * waits for the training to end: the timed rounds then measure the starts a user has from then on.
     */
    private void prepareClassDataArchive() throws InterruptedException {
        ClassDataArchive archive = ServerLauncher.classDataArchive();
        if (!ServerLauncher.classDataArchiveWanted() || archive.exists()) {
            return;
        }
        Optional<Process> training = ClassDataTraining.startIfMissing(archive);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!archive.exists() && System.nanoTime() < deadline && training.map(Process::isAlive).orElse(true)) {
            Thread.sleep(100);
        }
        if (training.isPresent() && !training.get().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            training.get().destroyForcibly();
        }
    }

    double[] recoveryAfterKill(int rounds) throws IOException, InterruptedException {
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            Server crashed = startServer();
            crashed.process().destroyForcibly().waitFor();
            Server recovered;
            try {
                recovered = startServer();
            } catch (IllegalStateException e) {
                throw new IllegalStateException(e.getMessage() + "; the killed server's output: " + crashed.output(), e);
            }
            millis[i] = recovered.readyMillis();
            stop(recovered);
            Files.deleteIfExists(crashed.output());
        }
        return millis;
    }

    double[] statusWallTime(int rounds) throws IOException, InterruptedException {
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long began = System.nanoTime();
            Process status = launch(List.of("status"), Path.of("/dev/null"));
            status.waitFor();
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        return millis;
    }

    /**
     * Wall time of {@code java -version} on the same Java binary: the JVM's own start, the yardstick for
     * {@code serve}'s start-to-ready, since both scale with the machine and its load.
     */
    double[] javaVersion(int rounds) throws IOException, InterruptedException {
        double[] millis = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            long began = System.nanoTime();
            Process java = new ProcessBuilder(ServerLauncher.javaBinary(), "-version")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            java.waitFor();
            millis[i] = (System.nanoTime() - began) / 1e6;
        }
        return millis;
    }

    /** Resident memory in MiB from {@code /proc}; empty where there is none. */
    static Optional<Double> rssMib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Optional.of(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** SIGTERM and wait; the server's output is deleted once it has stopped cleanly. */
    void stop(Server server) throws InterruptedException, IOException {
        server.process().destroy();
        server.process().waitFor();
        Files.deleteIfExists(server.output());
    }

    private Path nextOutput() throws IOException {
        if (outputs == null) {
            outputs = Files.createTempDirectory("doc-serve-bench-");
        }
        return outputs.resolve("server-" + (++launched) + ".out");
    }

    private Process launch(List<String> args, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(ServerLauncher.jarCommand(args))
                .directory(project.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(output.toString().equals("/dev/null") ? ProcessBuilder.Redirect.DISCARD
                        : ProcessBuilder.Redirect.appendTo(output.toFile()))
                .redirectErrorStream(true);
        builder.environment().putAll(serverEnvironment(env, System.getenv()));
        return builder.start();
    }

    private RuntimeState awaitReady(Process process, Path output) throws InterruptedException {
        StateDir stateDir = StateDir.of(project);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; its output: " + output);
            }
            Optional<RuntimeState> state = RuntimeFile.readLeniently(stateDir.runtimeFile())
                    .filter(s -> s.pid() != null && s.pid() == process.pid());
            if (state.isPresent() && probe.answersAs(state.get().baseUrl(), state.get().instanceId())) {
                return state.get();
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not become ready within " + TIMEOUT + "; its output: " + output);
    }

    /** What the servers get on top of this process's environment; a start timeout the user chose stays. */
    static Map<String, String> serverEnvironment(Map<String, String> env, Map<String, String> inherited) {
        Map<String, String> out = new HashMap<>(env);
        if (!inherited.containsKey("DOC_SERVE_START_TIMEOUT")) {
            out.putIfAbsent("DOC_SERVE_START_TIMEOUT", SERVER_START_TIMEOUT);
        }
        return out;
    }

    static List<String> lines(double[] values) {
        List<String> out = new ArrayList<>();
        for (double v : values) {
            out.add(String.format("%.0f", v));
        }
        return out;
    }
}
