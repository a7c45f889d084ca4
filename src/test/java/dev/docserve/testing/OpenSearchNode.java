package dev.docserve.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node OpenSearch with the k-NN plugin on loopback, for tests of the OpenSearch backend.
 *
 * <p>Where it comes from: the {@code opensearch} Maven profile unpacks OpenSearch's integ-test zip and
 * the k-NN plugin zip from Maven Central under {@code target/opensearch/} and passes that folder as
 * {@code docserve.opensearch.home}, with the JDK to run it (21+) as {@code docserve.opensearch.java}.
 * Or {@code docserve.opensearch.url} names a running cluster, used as is. With neither, tests that need
 * a node are skipped by {@link #available()}.
 *
 * <p>How it runs: its config, data and logs go to a fresh temporary folder; free HTTP and transport
 * ports; single-node discovery; the disk watermark off (a full build disk must not make the index
 * read-only); a 512 MB heap; a clean environment (an inherited {@code JAVA_TOOL_OPTIONS} would be
 * printed into every tool's output and can break the launcher). OpenSearch refuses to run as root,
 * so under root (CI) it runs as {@code nobody} through {@code runuser}, with the temporary folder
 * chowned to it. One node serves every test class of a JVM (started on first use, stopped when the
 * JUnit root context closes); tests keep apart by using their own index names.
 */
public final class OpenSearchNode implements ExtensionContext.Store.CloseableResource {

    public static final String HOME_PROPERTY = "docserve.opensearch.home";
    public static final String JAVA_PROPERTY = "docserve.opensearch.java";
    public static final String URL_PROPERTY = "docserve.opensearch.url";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(300); // seen at 130 s on two cores at load average 20-25

    private final URI url;
    private final Process process;
    private final Path workDir;

    private OpenSearchNode(URI url, Process process, Path workDir) {
        this.url = url;
        this.process = process;
        this.workDir = workDir;
    }

    /** Whether a node can be had: a configured cluster, or an unpacked distribution to start. */
    public static boolean available() {
        return property(URL_PROPERTY).isPresent() || property(HOME_PROPERTY).map(Path::of).filter(Files::isDirectory).isPresent();
    }

    /** The node of this test run, started on first use. */
    public static OpenSearchNode shared(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(OpenSearchNode.class, key -> start(), OpenSearchNode.class);
    }

    public URI url() {
        return url;
    }

    public static OpenSearchNode start() {
        Optional<String> external = property(URL_PROPERTY);
        if (external.isPresent()) {
            return new OpenSearchNode(URI.create(external.get()), null, null);
        }
        Path home = Path.of(property(HOME_PROPERTY).orElseThrow(() -> new IllegalStateException(
                "no OpenSearch for this test: run with -Popensearch (unpacks one under target/) or -D" + URL_PROPERTY + "=...")));
        Path java = Path.of(property(JAVA_PROPERTY).orElse(System.getProperty("java.home")));
        try {
            return launch(home, java);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start OpenSearch from " + home + ": " + e.getMessage(), e);
        }
    }

    private static OpenSearchNode launch(Path home, Path java) throws IOException {
        Path work = Files.createTempDirectory("doc-serve-opensearch-",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path config = work.resolve("config");
        Files.createDirectories(config);
        Files.createDirectories(work.resolve("data"));
        Files.createDirectories(work.resolve("logs"));
        Files.copy(home.resolve("config/log4j2.properties"), config.resolve("log4j2.properties"));
        // No GC log, heap dump or error file paths relative to the (read-only) home: the JVM refuses to start on them.
        Files.writeString(config.resolve("jvm.options"), String.join("\n",
                "-Xms512m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.io.tmpdir=" + work.resolve("tmp"),
                "--add-modules=jdk.incubator.vector", "-javaagent:" + home.resolve("agent/opensearch-agent.jar"),
                "-Dorg.apache.lucene.store.MMapDirectory.sharedArenaMaxPermits=1", ""), StandardCharsets.UTF_8);
        Files.createDirectories(work.resolve("tmp"));
        int httpPort = Ports.free();
        int transportPort = Ports.free();
        Files.writeString(config.resolve("opensearch.yml"), String.join("\n",
                "cluster.name: doc-serve-test",
                "node.name: doc-serve-test",
                "network.host: 127.0.0.1",
                "http.port: " + httpPort,
                "transport.port: " + transportPort,
                "discovery.type: single-node",
                "path.data: " + work.resolve("data"),
                "path.logs: " + work.resolve("logs"),
                "cluster.routing.allocation.disk.threshold_enabled: false",
                "action.destructive_requires_name: false",
                ""), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>();
        if (isRoot()) {
            chown(work, "nobody:nogroup");
            command.addAll(List.of("/usr/sbin/runuser", "-u", "nobody", "--"));
        }
        command.add(home.resolve("bin/opensearch").toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("logs/console.log").toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin");
        env.put("JAVA_HOME", java.toString());
        env.put("OPENSEARCH_JAVA_HOME", java.toString());
        env.put("OPENSEARCH_PATH_CONF", config.toString());
        env.put("HOME", work.toString());
        Process process = builder.start();
        URI url = URI.create("http://127.0.0.1:" + httpPort);
        OpenSearchNode node = new OpenSearchNode(url, process, work);
        try {
            node.awaitHealthy();
        } catch (RuntimeException e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void awaitHealthy() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("OpenSearch exited with " + process.exitValue() + " while starting; "
                        + tail(workDir.resolve("logs/console.log")));
            }
            try {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(url.resolve("/_cluster/health?wait_for_status=yellow&timeout=1s"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (health.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for OpenSearch", e);
            }
        }
        throw new IllegalStateException("OpenSearch did not become healthy within " + START_TIMEOUT.toSeconds() + " s; "
                + tail(workDir.resolve("logs/console.log")));
    }

    /**
     * Freezes the node with SIGSTOP, as a paused container or a node stuck in swap: it keeps its port and
     * takes connections (the kernel accepts them) but answers nothing until {@link #resume}.
     */
    public void freeze() {
        signal("-STOP");
    }

    /** Resumes a frozen node with SIGCONT. */
    public void resume() {
        signal("-CONT");
    }

    /** Whether this node was started here (and can be frozen), not an external cluster. */
    public boolean startedHere() {
        return process != null;
    }

    private void signal(String signal) {
        if (process == null) {
            throw new IllegalStateException("an external cluster cannot be frozen from here");
        }
        List<String> command = new ArrayList<>(List.of("kill", signal, String.valueOf(process.pid())));
        process.descendants().forEach(child -> command.add(String.valueOf(child.pid())));
        try {
            int exit = new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
            if (exit != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** SIGTERM to the node (runuser passes it on), SIGKILL after 30 s; then its folder goes. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        process.destroy();
        family.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                family.forEach(ProcessHandle::destroyForcibly);
            }
            for (ProcessHandle handle : family) {
                handle.onExit().get(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            family.forEach(ProcessHandle::destroyForcibly);
        }
        deleteQuietly(workDir);
    }

    private static boolean isRoot() {
        try {
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return uid instanceof Integer i && i == 0;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    private static void chown(Path dir, String owner) throws IOException {
        try {
            Process chown = new ProcessBuilder("chown", "-R", owner, dir.toString()).inheritIO().start();
            if (chown.waitFor() != 0) {
                throw new IOException("chown -R " + owner + " " + dir + " failed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "last lines of " + log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "no log at " + log;
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temp folder is harmless
        }
    }

    private static Optional<String> property(String name) {
        return Optional.ofNullable(System.getProperty(name)).filter(v -> !v.isBlank());
    }
}
