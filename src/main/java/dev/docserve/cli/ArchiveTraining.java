package dev.docserve.cli;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.json.JsonValues;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The launcher's training run for its class-data archive ({@code -XX:ArchiveClassesAtExit}): the
 * quick commands as users run them, so the archive holds the classes of the real paths. A stand-in
 * server on loopback answers {@code /health} and {@code /health/status} the way doc-serve does, and
 * {@code status} (text and {@code --json}), {@code url} and {@code --version} run against it; one
 * more {@code status} meets a runtime file whose server is gone. Nothing is written outside the
 * folder given as the only argument; all output goes to stdout, which the launcher discards.
 */
public final class ArchiveTraining {

    private static final String INSTANCE_ID = "ds_000000";

    private ArchiveTraining() {
    }

    public static void main(String... args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ArchiveTraining DIR");
        }
        train(Path.of(args[0]).toAbsolutePath());
    }

    /** @return the exit codes of the commands run, in order */
    static List<Integer> train(Path dir) throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread standIn = new Thread(() -> answerUntilClosed(server), "archive-training-server");
            standIn.setDaemon(true);
            standIn.start();
            int closedPort;
            try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                closedPort = closed.getLocalPort();
            }
            Path live = project(dir.resolve("live"), server.getLocalPort());
            Path gone = project(dir.resolve("gone"), closedPort);
            List<Integer> exitCodes = new ArrayList<>();
            exitCodes.add(DocServeCli.execute("status", "--path", live.toString()));
            exitCodes.add(DocServeCli.execute("status", "--json", "--path", live.toString()));
            exitCodes.add(DocServeCli.execute("url", "--path", live.toString()));
            exitCodes.add(DocServeCli.execute("status", "--json", "--path", gone.toString()));
            exitCodes.add(DocServeCli.execute("--version"));
            return exitCodes;
        }
    }

    /** A git project whose runtime file names this process and a server on {@code port}. */
    private static Path project(Path root, int port) throws IOException {
        Files.createDirectories(root.resolve(".git"));
        Path stateDir = Files.createDirectories(root.resolve(".claude").resolve("doc-serve"));
        Path canonical = root.toRealPath();
        Map<String, Object> runtime = new LinkedHashMap<>();
        runtime.put("schema_version", 1);
        runtime.put("mode", InstanceMode.PROJECT.wireName());
        runtime.put("project_root", canonical.toString());
        runtime.put("instance_id", INSTANCE_ID);
        runtime.put("base_url", "http://127.0.0.1:" + port);
        runtime.put("bind_host", "127.0.0.1");
        runtime.put("port", port);
        runtime.put("pid", ProcessHandle.current().pid());
        runtime.put("started_at", Instant.now().toString());
        Files.writeString(stateDir.resolve("runtime.json"), JsonValues.pretty(runtime));
        return canonical;
    }

    private static void answerUntilClosed(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket connection = server.accept()) {
                BufferedReader request = new BufferedReader(
                        new InputStreamReader(connection.getInputStream(), StandardCharsets.ISO_8859_1));
                String requestLine = request.readLine();
                for (String header = request.readLine(); header != null && !header.isEmpty(); header = request.readLine()) {
                    // Only the path matters to the stand-in.
                }
                byte[] body = JsonValues.pretty(requestLine != null && requestLine.contains("/health/status")
                        ? indexStatus() : health()).getBytes(StandardCharsets.UTF_8);
                OutputStream out = connection.getOutputStream();
                out.write(("HTTP/1.1 200 OK\r\ncontent-length: " + body.length
                        + "\r\nContent-Type: application/json;charset=UTF-8\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                out.write(body);
                out.flush();
            } catch (IOException e) {
                // Closed at the end of training, or a client gave up: either way nothing to answer.
            }
        }
    }

    private static Map<String, Object> health() {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", "healthy");
        health.put("message", "archive training");
        health.put("timestamp", Instant.now().toString());
        health.put("version", AppVersion.get());
        health.put("mode", InstanceMode.PROJECT.wireName());
        health.put("instance_id", INSTANCE_ID);
        health.put("project_id", ProjectId.of(Path.of("/")));
        return health;
    }

    private static Map<String, Object> indexStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("total_documents", 3);
        status.put("total_chunks", 7);
        status.put("supported_languages", List.of("java", "python"));
        status.put("languages", Map.of("java", 2));
        status.put("indexing_in_progress", false);
        status.put("current_job_id", null);
        status.put("progress_percent", 12.5);
        status.put("last_indexed_at", Instant.now().toString());
        status.put("embedding_model", "bge-small-en-v1.5");
        return status;
    }
}
