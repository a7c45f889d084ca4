package dev.docserve.lifecycle.client;

import dev.docserve.json.AtomicFiles;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.SharedHome;
import dev.docserve.lifecycle.layout.StateDir;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts {@code doc-serve serve} as a detached background process and waits until it answers.
 *
 * <p>Detached means: its own session ({@code setsid}, where installed, so a closing terminal's
 * SIGHUP never reaches it), stdin from {@code /dev/null}, stdout and stderr appended to
 * {@code <log_dir>/server.out}. It runs on the same Java binary and the same application jar as
 * this process. Ready means: {@code runtime.json} exists and {@code /health} answers with its
 * {@code instance_id}. A server that exits first is reported with the {@code doc-serve: ...} line
 * it printed; one that does not answer within the timeout is stopped and reported.
 */
public final class ServerLauncher {

    /** The console output of the background server, beside its log file. */
    public static final String OUTPUT_FILE = "server.out";
    private static final Duration POLL = Duration.ofMillis(50);
    private static final List<String> SETSID = List.of("/usr/bin/setsid", "/bin/setsid");

    private final Instances instances;

    public ServerLauncher(Instances instances) {
        this.instances = instances;
    }

    /**
     * @param serveArgs arguments after {@code serve} ({@code --path}, {@code --mode}, {@code --host}, {@code --port})
     * @return the instance that answered: the one started, or a peer that won a concurrent start
     * @throws StartException when no instance answers
     */
    public RuntimeState launch(StateDir stateDir, List<String> serveArgs, Path logDir, Duration timeout) {
        Path output;
        long offset;
        Process process;
        try {
            output = outputFile(logDir);
            offset = Files.exists(output) ? Files.size(output) : 0;
            ProcessBuilder builder = new ProcessBuilder(command(serveArgs))
                    .directory(stateDir.owner().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(output.toFile()))
                    .redirectErrorStream(true);
            process = builder.start();
        } catch (IOException e) {
            throw new StartException(StartException.Kind.FAILED, "cannot launch the server: " + e.getMessage()
                    + "; check that java can run and " + logDir + " is writable");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean exitedCleanly = false;
        while (true) {
            if (!exitedCleanly && !process.isAlive()) {
                int exit = process.exitValue();
                if (exit != 0) {
                    throw new StartException(StartException.Kind.FAILED,
                            reason(readFrom(output, offset), exit, output));
                }
                // Exit 0 without serving: a concurrent start won; its instance is the answer.
                exitedCleanly = true;
            }
            Discovery found = instances.lookup(stateDir);
            if (found.isRunning()) {
                trainClassDataArchiveIfMissing();
                return found.state().orElseThrow();
            }
            if (System.nanoTime() > deadline) {
                stop(process);
                throw new StartException(StartException.Kind.FAILED, "the server did not answer within "
                        + timeout.toSeconds() + " s and was stopped; see " + output
                        + ", or retry with a longer --timeout");
            }
            sleep();
        }
    }

    /**
     * {@code <log_dir>/server.out}, or, when the log dir cannot be written (a read-only state dir), a
     * file in the temporary directory: the server is launched anyway, so that the reason it refuses to
     * start is its own line ("the state directory ... is read-only; ..."), not a guess made here.
     */
    private static Path outputFile(Path logDir) throws IOException {
        Path output = logDir.resolve(OUTPUT_FILE);
        try {
            AtomicFiles.createOwnerOnlyDirectory(logDir);
            if (!Files.exists(output) || Files.isWritable(output)) {
                Files.newOutputStream(output, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND)
                        .close();
                return output;
            }
        } catch (IOException | SecurityException unwritable) {
            // fall through to a temporary file
        }
        return Files.createTempFile("doc-serve-server-", ".out");
    }

    /** The last {@code doc-serve: ...} line the server printed, else its last line. */
    static String reason(String output, int exit, Path file) {
        List<String> lines = output.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String said = null;
        for (String line : lines) {
            if (line.startsWith("doc-serve: ")) {
                said = line.substring("doc-serve: ".length());
            }
        }
        if (said == null && !lines.isEmpty()) {
            said = lines.get(lines.size() - 1);
        }
        String where = " (server exit " + exit + "; output in " + file + ")";
        return said == null ? "the server exited before answering" + where : said + where;
    }

    private static String readFrom(Path file, long offset) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long start = Math.max(offset, length - 64 * 1024);
            in.seek(start);
            byte[] bytes = new byte[(int) (length - start)];
            in.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static List<String> command(List<String> serveArgs) {
        return command(serverJvmOptions(), serveArgs);
    }

    /** A detached {@code serve} (its own session, where {@code setsid} is installed) with these JVM options. */
    static List<String> command(List<String> jvmOptions, List<String> serveArgs) {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(p -> Files.isExecutable(Path.of(p))).findFirst().ifPresent(command::add);
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(appJar().toString());
        command.add("serve");
        command.addAll(serveArgs);
        return command;
    }

    /**
     * {@link ServerJvmOptions}, then the class-data archive's options when there is an archive (unless
     * {@link ClassDataArchive#ENVIRONMENT} turns it off, or the user chose class-sharing options of their own).
     */
    static List<String> serverJvmOptions() {
        List<String> options = new ArrayList<>(ServerJvmOptions.forServer());
        if (classDataArchiveWanted(options)) {
            options.addAll(classDataArchive().jvmOptions());
        }
        return options;
    }

    /**
     * Once a server answers: when this build has no class-data archive yet, a throwaway server trains
     * one in the background ({@link ClassDataTraining}), so that the next start maps it. Never fails a start.
     */
    private static void trainClassDataArchiveIfMissing() {
        if (classDataArchiveWanted()) {
            ClassDataTraining.startIfMissing(classDataArchive());
        }
    }

    /** Whether servers launched from this process map (and train) the class-data archive. */
    public static boolean classDataArchiveWanted() {
        return classDataArchiveWanted(ServerJvmOptions.forServer());
    }

    private static boolean classDataArchiveWanted(List<String> serverOptions) {
        return ClassDataArchive.requested(System.getenv(ClassDataArchive.ENVIRONMENT))
                && serverOptions.stream().noneMatch(o -> o.startsWith("-Xshare") || o.contains("SharedArchiveFile")
                || o.contains("ArchiveClassesAtExit") || o.contains("RecordDynamicDumpInfo"));
    }

    /** The class-data archive of this build under this JVM, in the shared home's cache. */
    public static ClassDataArchive classDataArchive() {
        return ClassDataArchive.of(SharedHome.fromEnvironment(), appJar());
    }

    public static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * The fast-jar launcher ({@code quarkus-run.jar}) of this installation: named by
     * {@code -Ddocserve.app.jar}, or the {@code -jar} of this JVM, or found beside the application
     * jar this class was loaded from ({@code quarkus-app/app/*.jar}).
     */
    /**
     * The command line that runs this same build with other arguments (the benchmark times it); a
     * {@code serve} gets the server's JVM options, as {@code start} and the launcher script give it.
     */
    public static List<String> jarCommand(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        if (!args.isEmpty() && args.get(0).equals("serve")) {
            command.addAll(serverJvmOptions());
        }
        command.add("-jar");
        command.add(appJar().toString());
        command.addAll(args);
        return command;
    }

    static Path appJar() {
        String configured = System.getProperty("docserve.app.jar");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        String classPath = System.getProperty("java.class.path", "");
        if (!classPath.contains(File.pathSeparator) && classPath.endsWith("quarkus-run.jar")) {
            return Path.of(classPath).toAbsolutePath();
        }
        Optional<Path> beside = codeSource().map(jar -> jar.getParent().getParent().resolve("quarkus-run.jar"))
                .filter(Files::isRegularFile);
        return beside.orElseThrow(() -> new StartException(StartException.Kind.FAILED,
                "cannot find quarkus-run.jar to launch the server; run doc-serve from its quarkus-app folder "
                        + "or pass -Ddocserve.app.jar=PATH"));
    }

    private static Optional<Path> codeSource() {
        try {
            CodeSource source = ServerLauncher.class.getProtectionDomain().getCodeSource();
            if (source == null || source.getLocation() == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return location.getParent() == null || location.getParent().getParent() == null
                    ? Optional.empty() : Optional.of(location);
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartException(StartException.Kind.FAILED, "interrupted while waiting for the server");
        }
    }
}
