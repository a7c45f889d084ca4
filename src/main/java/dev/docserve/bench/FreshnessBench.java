package dev.docserve.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.client.ServerLauncher;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How quickly a running server follows its files (issue 15), with real server processes of this build
 * on generated trees: save-to-searchable latency of one-file edits, a branch switch in a real git
 * repository, a catch-up after edits made while stopped, and the idle CPU of a server watching a large
 * tree. Prints a Markdown report; numbers depend on the machine's load, which it records.
 */
public final class FreshnessBench {

    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final Path work;
    private final PrintStream log;
    private final HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));

    public FreshnessBench(Path work, PrintStream log) {
        this.work = work;
        this.log = log;
    }

    /** Runs every part and returns the report as Markdown. */
    public String run(java.util.Set<String> parts, int edits, int largeTreeFiles, Duration idleWindow) throws Exception {
        StringBuilder out = new StringBuilder("## Freshness (doc-serve bench --freshness)\n\n");
        out.append(String.format(Locale.ROOT, "Load average at start: %s; %d cores.%n%n", loadAverage(),
                Runtime.getRuntime().availableProcessors()));
        if (parts.contains("edits")) {
            out.append(editLatencyAndCatchUp(edits));
        }
        if (parts.contains("branch")) {
            out.append(branchSwitch());
        }
        if (parts.contains("idle")) {
            out.append(idleCpu(largeTreeFiles, idleWindow));
        }
        out.append(String.format(Locale.ROOT, "%nLoad average at end: %s.%n", loadAverage()));
        return out.toString();
    }

    /** One-file edits on a 200-file project (default model), then 100 edits while stopped and a restart. */
    private String editLatencyAndCatchUp(int edits) throws Exception {
        Path project = gitProject("edits");
        for (int i = 0; i < 200; i++) {
            write(project.resolve("docs/page" + i + ".md"), page(i, "initial"));
        }
        Map<String, String> env = env(Map.of());
        double[] latencies = new double[edits];
        Server server = start(project, env);
        try {
            indexAndWait(server, "docs");
            awaitWatching(server);
            for (int e = 0; e < edits; e++) {
                String token = "editmarker" + e + "x" + System.nanoTime();
                Path file = project.resolve("docs/page" + (e % 200) + ".md");
                long began = System.nanoTime();
                write(file, page(e % 200, token));
                awaitFound(server, token);
                latencies[e] = (System.nanoTime() - began) / 1e6;
                awaitNothingPending(server);
            }
        } finally {
            server.stop();
        }
        Percentiles p = Percentiles.ofMillis(latencies);
        log.printf("edit latency p50 %.0f ms p95 %.0f ms%n", p.p50(), p.p95());

        for (int i = 0; i < 100; i++) {
            write(project.resolve("docs/page" + i + ".md"), page(i, "whilestopped" + i));
        }
        long launched = System.nanoTime();
        Server restarted = start(project, env);
        double readyMs = (System.nanoTime() - launched) / 1e6;
        JsonNode catchUp;
        double caughtUpMs;
        try {
            catchUp = awaitJob(restarted, "catch-up");
            caughtUpMs = (System.nanoTime() - launched) / 1e6;
            awaitFound(restarted, "whilestopped99");
        } finally {
            restarted.stop();
        }
        JsonNode report = catchUp.path("report");
        log.printf("catch-up %.0f ms after launch%n", caughtUpMs);
        return String.format(Locale.ROOT, """
                ### Save to searchable (one-file edit, %s, 200-file project, debounce %s)

                | edits | p50 ms | p95 ms | max ms |
                |---|---|---|---|
                | %d | %.0f | %.0f | %.0f |

                ### Catch-up on start after 100 edits made while stopped

                | ready after launch ms | catch-up job done after launch ms | job run ms | files indexed | unchanged |
                |---|---|---|---|---|
                | %.0f | %.0f | %d | %d | %d |

                """, model(), debounce(), p.samples(), p.p50(), p.p95(), p.max(), readyMs, caughtUpMs,
                report.path("duration_ms").asLong(), report.path("files_indexed").asInt(), report.path("files_unchanged").asInt());
    }

    /** 600 files on main; the other branch rewrites 150, deletes 100 and adds 50. */
    private String branchSwitch() throws Exception {
        Path project = gitProject("branches");
        for (int i = 0; i < 600; i++) {
            write(project.resolve("docs/page" + i + ".md"), page(i, "main"));
        }
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "main");
        String mainBranch = git(project, "symbolic-ref", "--short", "HEAD").strip();
        git(project, "checkout", "-q", "-b", "other");
        for (int i = 0; i < 150; i++) {
            write(project.resolve("docs/page" + i + ".md"), page(i, "other"));
        }
        for (int i = 500; i < 600; i++) {
            Files.delete(project.resolve("docs/page" + i + ".md"));
        }
        for (int i = 0; i < 50; i++) {
            write(project.resolve("docs/added" + i + ".md"), page(1000 + i, "added"));
        }
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "other");
        git(project, "checkout", "-q", mainBranch);
        int changed = git(project, "diff", "--name-only", mainBranch, "other").strip().split("\n").length;
        Server server = start(project, env(Map.of()));
        try {
            indexAndWait(server, "docs");
            awaitWatching(server);
            long began = System.nanoTime();
            git(project, "checkout", "-q", "other");
            JsonNode job = awaitJob(server, "watch");
            double switchToSearchableMs = (System.nanoTime() - began) / 1e6;
            int watchRuns = jobs(server, "watch").size();
            JsonNode report = job.path("report");
            JsonNode status = server.http().get("/health/status");
            log.printf("branch switch: %d run(s), %.0f ms%n", watchRuns, switchToSearchableMs);
            return String.format(Locale.ROOT, """
                    ### Branch switch (git checkout, 600 files on main, %s)

                    | files changed | watch runs | checkout to indexed ms | run ms | files re-embedded | files unchanged | files removed | chunks embedded | chunks in index after |
                    |---|---|---|---|---|---|---|---|---|
                    | %d | %d | %.0f | %d | %d | %d | %d | %d | %d |

                    """, model(), changed, watchRuns, switchToSearchableMs, report.path("duration_ms").asLong(),
                    report.path("files_indexed").asInt(), report.path("files_unchanged").asInt(),
                    report.path("files_removed").asInt(), report.path("chunks_indexed").asInt(),
                    status.path("total_chunks").asInt());
        } finally {
            server.stop();
        }
    }

    /**
     * A tree of {@code files} files in folders of 20, one Markdown page per folder indexed (the rest are
     * data files the walk passes over): the watcher holds a watch on every folder.
     */
    private String idleCpu(int files, Duration window) throws Exception {
        Path project = gitProject("large");
        int folders = Math.max(1, files / 20);
        for (int d = 0; d < folders; d++) {
            Path dir = project.resolve("tree/m" + (d / 50) + "/d" + d);
            write(dir.resolve("README.md"), page(d, "large"));
            for (int f = 1; f < 20; f++) {
                write(dir.resolve("data" + f + ".dat"), "row " + f + "\n");
            }
        }
        Map<String, String> env = env(Map.of("DOC_SERVE_EMBEDDING_MODEL", "all-minilm-l6-v2"));
        Server server = start(project, env);
        double cpuPercent;
        int watched;
        try {
            indexAndWait(server, "tree");
            awaitWatching(server);
            watched = server.http().get("/health/status").path("freshness").path("folders").get(0)
                    .path("watched_directories").asInt();
            Thread.sleep(3000); // let the JIT and the model warm-up settle
            long cpuBefore = cpuTicks(server.process.pid());
            long began = System.nanoTime();
            Thread.sleep(window.toMillis());
            long ticks = cpuTicks(server.process.pid()) - cpuBefore;
            double seconds = (System.nanoTime() - began) / 1e9;
            cpuPercent = 100.0 * ticks / 100.0 / seconds; // USER_HZ is 100 on Linux
        } finally {
            server.stop();
        }
        long launched = System.nanoTime();
        Server restarted = start(project, env);
        double scanMs;
        try {
            awaitWatching(restarted);
            scanMs = (System.nanoTime() - launched) / 1e6;
        } finally {
            restarted.stop();
        }
        log.printf("idle CPU %.2f %% over %d s with %d watched folders%n", cpuPercent, window.toSeconds(), watched);
        return String.format(Locale.ROOT, """
                ### Idle watching of a large tree (%d files in %d folders, %d pages indexed, all-MiniLM-L6-v2)

                | watched folders | idle CPU over %d s | restart to "watching" (catch-up scan of the tree, nothing changed) ms |
                |---|---|---|
                | %d | %.2f %% of one core | %.0f |

                """, folders * 20, folders, folders, window.toSeconds(), watched, cpuPercent, scanMs);
    }

    // ---- servers ----

    private record Server(Process process, RuntimeState state, BenchHttp http) {
        void stop() throws InterruptedException {
            process.destroy();
            process.waitFor();
        }
    }

    private Server start(Path project, Map<String, String> env) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(ServerLauncher.jarCommand(List.of("serve")))
                .directory(project.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.appendTo(work.resolve("servers.log").toFile()));
        builder.environment().putAll(env);
        Process process = builder.start();
        StateDir stateDir = StateDir.of(project);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the server exited with " + process.exitValue() + "; see " + work.resolve("servers.log"));
            }
            Optional<RuntimeState> state = RuntimeFile.readLeniently(stateDir.runtimeFile())
                    .filter(s -> s.pid() != null && s.pid() == process.pid());
            if (state.isPresent() && probe.answersAs(state.get().baseUrl(), state.get().instanceId())) {
                return new Server(process, state.get(), new BenchHttp(state.get().baseUrl()));
            }
            Thread.sleep(10);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the server did not become ready");
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>();
        env.put("DOC_SERVE_HOME", work.resolve("home").toString());
        env.put("OPENAI_API_KEY", "");
        env.put("DOC_SERVE_EMBEDDING_MODEL", model());
        env.putAll(extra);
        return env;
    }

    private static String model() {
        return "bge-small-en-v1.5";
    }

    private static String debounce() {
        return "500ms (default)";
    }

    private void indexAndWait(Server server, String folder) throws Exception {
        String job = server.http().post("/index", Map.of("folder_path", folder)).path("job_id").asText();
        await("index job", () -> {
            JsonNode record = server.http().get("/index/jobs/" + job);
            if (record.path("status").asText().equals("failed")) {
                throw new IllegalStateException("index job failed: " + record);
            }
            return record.path("status").asText().equals("done");
        }, 20);
    }

    private void awaitWatching(Server server) throws Exception {
        await("watching", () -> server.http().get("/health/status").path("freshness").path("state").asText().equals("watching"), 20);
    }

    private void awaitNothingPending(Server server) throws Exception {
        await("nothing pending", () -> {
            JsonNode status = server.http().get("/health/status");
            return status.path("freshness").path("pending_changes").asInt() == 0 && !status.path("indexing_in_progress").asBoolean();
        }, 5);
    }

    private void awaitFound(Server server, String token) throws Exception {
        await("'" + token + "' searchable", () -> server.http().post("/query",
                Map.of("query", token, "mode", "bm25", "top_k", 1)).path("total_results").asInt() > 0, 5);
    }

    private JsonNode awaitJob(Server server, String operation) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await(operation + " job", () -> {
            List<JsonNode> done = jobs(server, operation).stream().filter(j -> j.path("status").asText().equals("done")).toList();
            if (done.isEmpty()) {
                return false;
            }
            JsonNode status = server.http().get("/health/status");
            if (status.path("freshness").path("pending_changes").asInt() > 0 || status.path("indexing_in_progress").asBoolean()) {
                return false;
            }
            found[0] = done.get(0);
            return true;
        }, 20);
        return found[0];
    }

    private static List<JsonNode> jobs(Server server, String operation) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        server.http().get("/index/jobs").forEach(j -> {
            if (j.path("operation").asText().equals(operation)) {
                out.add(j);
            }
        });
        return out;
    }

    private interface Check {
        boolean holds() throws Exception;
    }

    /** Polls every {@code pollMillis}: measured latencies are late by at most that. */
    private static void await(String what, Check check, long pollMillis) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            Thread.sleep(pollMillis);
        }
    }

    // ---- files ----

    private Path gitProject(String name) throws Exception {
        Path root = Files.createDirectories(work.resolve(name)).toRealPath();
        git(root, "init", "-q");
        return root;
    }

    private static String git(Path project, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", project.toString(), "-c", "user.name=bench",
                "-c", "user.email=bench@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }

    private static String page(int i, String variant) {
        return "# Page " + i + "\n\nSection about topic " + i + " in the " + variant + " version. "
                + "It explains how component " + i + " handles requests, retries and errors, "
                + "and which settings change its behaviour.\n\n## Details\n\nMore text about " + variant + " and item " + i + ".\n";
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14 and 15 of stat)
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }
}
