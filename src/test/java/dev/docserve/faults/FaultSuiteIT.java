package dev.docserve.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.docserve.lifecycle.client.HealthProbe;
import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.json.Json;
import dev.docserve.search.store.ChunkCounts;
import dev.docserve.search.store.FileRecord;
import dev.docserve.search.store.LuceneChunkStore;
import dev.docserve.testing.DocServeProcess;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Process faults, seeded and repeated (issue #7): real {@code doc-serve} processes of the packaged jar in
 * temporary git projects, driven through the CLI and the HTTP API, with the kernel's view of who holds
 * the lock sampled throughout. Seed and rounds come from {@link FaultPlan}; every fault prints them.
 */
class FaultSuiteIT {

    private static final Duration CLI = Duration.ofSeconds(90);
    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final String PORT_RACE = "the HTTP start event came before its port was registered";
    private static final Duration INDEXING = Duration.ofSeconds(240);

    @TempDir
    Path temp;

    private Path home;
    private ServerProcesses servers;
    private final HealthProbe probe = new HealthProbe(Duration.ofSeconds(2));
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(temp.resolve("home"));
        servers = new ServerProcesses(home);
        env.put("DOC_SERVE_HOME", home.toString());
    }

    @AfterEach
    void killServers() {
        servers.killAll();
    }

    // 1. Storms of concurrent `start` on one project.
    @Test
    void shouldLeaveExactlyOneServerAndTellEveryCallerItsUrlUnderStartStorms() throws Exception {
        FaultPlan plan = FaultPlan.of("storm", 1);
        Random random = plan.random();
        Path project = TempProject.gitProject(temp, "storm");
        try (LockSampler sampler = new LockSampler(servers)) {
            for (int round = 0; round < plan.rounds(); round++) {
                int callers = 6;
                List<DocServeProcess> starts = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    starts.add(DocServeProcess.launch(project, env, "start", "--json"));
                }
                Set<String> urls = new HashSet<>();
                for (DocServeProcess start : starts) {
                    int exit = start.waitForExit(CLI);
                    assertThat(exit).as("round %d: %s", round, start.stderr()).isZero();
                    urls.add(Json.mapper().readTree(start.stdout()).path("base_url").asText());
                }
                assertThat(urls).as("round %d: every caller told the same base_url", round).hasSize(1);
                RuntimeState owner = awaitSingleOwner(project);
                assertThat(owner.baseUrl()).isEqualTo(urls.iterator().next());
                endRound(project, owner, random.nextBoolean());
            }
            assertNeverTwoHolders(sampler);
        }
    }

    // 2. Start, stop and kill -9 interleaved in a seeded order.
    @Test
    void shouldNeverHaveTwoOwnersNorRefuseAStartUnderInterleavedStartsStopsAndKills() throws Exception {
        FaultPlan plan = FaultPlan.of("interleave", 6);
        Random random = plan.random();
        Path project = TempProject.gitProject(temp, "interleave");
        try (LockSampler sampler = new LockSampler(servers)) {
            for (int step = 0; step < plan.rounds(); step++) {
                int op = random.nextInt(3);
                if (op == 0) {
                    int callers = 1 + random.nextInt(3);
                    System.out.printf("interleave step %d: %d concurrent start%n", step, callers);
                    List<DocServeProcess> starts = new ArrayList<>();
                    for (int i = 0; i < callers; i++) {
                        starts.add(DocServeProcess.launch(project, env, "start", "--json"));
                    }
                    for (DocServeProcess start : starts) {
                        assertThat(start.waitForExit(CLI)).as("step %d start: %s", step, start.stderr()).isZero();
                    }
                    awaitSingleOwner(project);
                } else if (op == 1) {
                    System.out.printf("interleave step %d: stop%n", step);
                    DocServeProcess.Result stop = cli(project, "stop");
                    assertThat(stop.exitCode()).as("step %d stop: %s", step, stop.stderr()).isZero();
                    Eventually.await("no server after stop", SETTLE, () -> servers.servers().isEmpty());
                    assertThat(cli(project, "status").exitCode()).isEqualTo(3);
                } else {
                    System.out.printf("interleave step %d: kill -9%n", step);
                    RuntimeFile.readLeniently(TempProject.stateDir(project).resolve("runtime.json"))
                            .flatMap(state -> ProcessHandle.of(state.pid())).ifPresent(FaultSuiteIT::killNine);
                    Eventually.await("no server after kill -9", SETTLE, () -> servers.servers().isEmpty());
                    assertThat(cli(project, "status").exitCode()).as("leftovers of a dead server are not an instance").isEqualTo(3);
                }
            }
            assertNeverTwoHolders(sampler);
        }
    }

    // 3. kill -9 of a server at a random moment of an index job.
    @Test
    void shouldKeepTheIndexConsistentAfterKillNineAtRandomMomentsOfIndexing() throws Exception {
        FaultPlan plan = FaultPlan.of("kill-index", 1);
        Random random = plan.random();
        Path project = TempProject.gitProject(temp, "killindex");
        GeneratedCorpus.write(project.resolve("docs"), 24, 700, random);
        Path indexDir = TempProject.stateDir(project).resolve("data").resolve("index");

        Http api = new Http(start(project).baseUrl());
        long began = System.nanoTime();
        String first = submit(api, Map.of("folder_path", "docs"));
        assertThat(awaitJob(api, first).path("status").asText()).isEqualTo("done");
        long fullRunMillis = (System.nanoTime() - began) / 1_000_000;
        assertThat(cli(project, "stop").exitCode()).isZero();
        Snapshot reference = Snapshot.of(indexDir);
        System.out.printf("kill-index: reference %d files, %d chunks, full run %d ms%n",
                reference.files().size(), reference.counts().chunks(), fullRunMillis);
        assertThat(reference.files()).hasSize(24);

        int interrupted = 0;
        for (int round = 0; round < plan.rounds(); round++) {
            RuntimeState server = start(project);
            api = new Http(server.baseUrl());
            boolean force = random.nextBoolean();
            if (!force) {
                assertThat(api.delete("/index").status()).isEqualTo(200);
            }
            String job = submit(api, force ? Map.of("folder_path", "docs", "force", true) : Map.of("folder_path", "docs"));
            long killAfter = random.nextLong(fullRunMillis);
            Thread.sleep(killAfter);
            killNine(ProcessHandle.of(server.pid()).orElseThrow());
            Eventually.await("the killed server is gone", SETTLE, () -> servers.servers().isEmpty());

            Snapshot crashed = Snapshot.of(indexDir);
            crashed.assertConsistentWith(reference);
            System.out.printf("kill-index round %d: %s, killed after %d ms with %d of %d files committed%n", round,
                    force ? "forced re-index" : "index after clear", killAfter, crashed.files().size(), reference.files().size());

            api = new Http(start(project).baseUrl());
            JsonNode status = api.get("/health/status").json();
            assertThat(status.path("total_chunks").asInt()).isEqualTo(crashed.counts().chunks());
            assertThat(status.path("total_documents").asInt()).isEqualTo(crashed.files().size());
            JsonNode record = api.get("/index/jobs/" + job).json();
            if (!"done".equals(record.path("status").asText())) {
                assertThat(record.path("status").asText()).isEqualTo("failed");
                assertThat(record.path("error").asText()).contains("interrupted");
                interrupted++;
            }
            String again = submit(api, Map.of("folder_path", "docs"));
            assertThat(awaitJob(api, again).path("status").asText()).isEqualTo("done");
            assertThat(api.get("/health/status").json().path("total_chunks").asInt()).isEqualTo(reference.counts().chunks());
            assertThat(cli(project, "stop").exitCode()).isZero();
            Snapshot resumed = Snapshot.of(indexDir);
            assertThat(resumed.chunkIds()).as("round %d: the same chunks as a clean run", round)
                    .containsExactlyInAnyOrderElementsOf(reference.chunkIds());
        }
        System.out.printf("kill-index: %d of %d rounds killed a running job%n", interrupted, plan.rounds());
    }

    // 4. A stale runtime.json whose PID and port now belong to someone else.
    @Test
    void shouldNeverSignalAForeignProcessNamedByAStaleRuntimeFile() throws Exception {
        FaultPlan.once("foreign");
        Path project = TempProject.gitProject(temp, "stale");
        Path stateDir = Files.createDirectories(TempProject.stateDir(project));
        Process sleeper = new ProcessBuilder("sleep", "300").start();
        HttpServer foreign = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        foreign.createContext("/", exchange -> {
            byte[] body = "{\"status\":\"healthy\",\"instance_id\":\"ds_f0e1d2\",\"mode\":\"project\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        foreign.start();
        // Another project's live doc-serve: its PID and port are a real server's, just not ours.
        Path other = TempProject.gitProject(temp, "other");
        RuntimeState neighbour = start(other);
        try {
            for (String[] stale : List.of(
                    new String[]{String.valueOf(sleeper.pid()), String.valueOf(foreign.getAddress().getPort())},
                    new String[]{String.valueOf(neighbour.pid()), String.valueOf(neighbour.port())})) {
                long pid = Long.parseLong(stale[0]);
                int port = Integer.parseInt(stale[1]);
                RuntimeFile.write(stateDir.resolve("runtime.json"), RuntimeState.process("project", project, "ds_0badc0",
                        "127.0.0.1", port, pid, Instant.now().minusSeconds(3600)));
                Files.writeString(stateDir.resolve("doc-serve.pid"), pid + "\n");

                assertThat(cli(project, "status").exitCode()).as("a stranger is not our instance").isEqualTo(3);
                assertThat(cli(project, "stop").exitCode()).isZero();
                assertThat(cli(project, "stop", "--force").exitCode()).isZero();
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).as("pid %d never signalled", pid).contains(true);

                RuntimeState ours = start(project);
                assertThat(ours.port()).isNotEqualTo(port);
                assertThat(ours.pid()).isNotEqualTo(pid);
                assertThat(cli(project, "stop").exitCode()).isZero();
                assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);
            }
            assertThat(probe.answersAs(neighbour.baseUrl(), neighbour.instanceId())).as("the neighbour still serves").isTrue();
        } finally {
            foreign.stop(0);
            sleeper.destroyForcibly();
            cli(other, "stop");
        }
    }

    // 5a. Damaged runtime.json and config.json.
    @Test
    void shouldRecoverFromATruncatedRuntimeFileAndRefuseATruncatedConfigClearly() throws Exception {
        FaultPlan.once("corrupt-files");
        Path project = TempProject.gitProject(temp, "corrupt");
        Path stateDir = TempProject.stateDir(project);
        Path runtime = stateDir.resolve("runtime.json");

        env.put("DOC_SERVE_SELF_CHECK_INTERVAL", "1s");
        RuntimeState first = start(project);
        assertThat(cli(project, "stop").exitCode()).isZero();
        Files.createDirectories(stateDir);
        String valid = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(first);
        Files.writeString(runtime, valid.substring(0, valid.length() / 2));
        DocServeProcess.Result status = cli(project, "status");
        assertThat(status.exitCode()).as(status.stderr()).isIn(1, 3);
        assertThat(status.stderr()).contains("runtime.json").doesNotContain("\tat ");
        RuntimeState second = start(project);
        assertThat(RuntimeFile.read(runtime)).contains(second);

        // Damaged under a live server: never a second owner; the self-check or the next start repairs it.
        Files.writeString(runtime, "{\"schema_version\": 1, \"mode\": \"proj");
        DocServeProcess.Result again = cli(project, "start", "--json");
        assertThat(again.exitCode()).as(again.stderr()).isIn(0, 1);
        assertThat(again.stderr()).doesNotContain("\tat ");
        Eventually.await("only the first server is left", SETTLE, () -> servers.servers().equals(List.of(second.pid())));
        Eventually.await("the self-check rewrites runtime.json", SETTLE,
                () -> RuntimeFile.readLeniently(runtime).filter(second::equals).isPresent());
        assertThat(cli(project, "stop").exitCode()).isZero();
        Eventually.await("no server after stop", SETTLE, () -> servers.servers().isEmpty());

        Path config = stateDir.resolve("config.json");
        Files.writeString(config, "{\n  \"bind_host\": \"127.0.0.1\",\n  \"port\": 0");
        for (int attempt = 0; attempt < 2; attempt++) {
            DocServeProcess.Result refused = cli(project, "start");
            assertThat(refused.exitCode()).isEqualTo(2);
            assertThat(refused.stderr()).contains(config.toString()).doesNotContain("\tat ");
            assertThat(servers.servers()).as("no server left behind to crash-loop").isEmpty();
        }
    }

    // 5b. Damaged job records.
    @Test
    void shouldStartAndListJobsDespiteDamagedJobRecords() throws Exception {
        FaultPlan.once("corrupt-jobs");
        Path project = TempProject.gitProject(temp, "jobs");
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/a.md"), "# Alpha\n\nThe quick brown fox.\n");
        Http api = new Http(start(project).baseUrl());
        String good = submit(api, Map.of("folder_path", "docs"));
        assertThat(awaitJob(api, good).path("status").asText()).isEqualTo("done");
        assertThat(cli(project, "stop").exitCode()).isZero();

        Path jobs = TempProject.stateDir(project).resolve("data/jobs");
        String valid = Files.readString(jobs.resolve(good + ".json"));
        Files.writeString(jobs.resolve("job_00000000000a.json"), valid.substring(0, valid.length() / 3));
        Files.writeString(jobs.resolve("job_00000000000b.json"), "{}");
        Files.writeString(jobs.resolve("job_00000000000c.json"), "{\"job_id\": \"job_00000000000c\", \"status\": \"running\"}");
        Files.writeString(jobs.resolve("job_00000000000d.json"), valid.replace("\"done\"", "\"exploded\""));
        Files.write(jobs.resolve("job_00000000000e.json"), new byte[]{0, 0, 0, 0});

        for (int restart = 0; restart < 2; restart++) {
            RuntimeState server = start(project);
            api = new Http(server.baseUrl());
            Http.Answer list = api.get("/index/jobs");
            assertThat(list.status()).as(list.body()).isEqualTo(200);
            assertThat(list.body()).contains(good);
            assertThat(new Http(server.baseUrl()).get("/q/health/ready").status()).isEqualTo(200);
            String next = submit(api, Map.of("folder_path", "docs"));
            assertThat(awaitJob(api, next).path("status").asText()).isEqualTo("done");
            assertThat(cli(project, "stop").exitCode()).isZero();
        }
    }

    // 6. The state dir's file system fills up, then turns read-only, while the server runs.
    @Test
    void shouldGoNotReadyOnAFullOrReadOnlyStateDirAndKeepCommittedData() throws Exception {
        FaultPlan.once("full-disk");
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a small tmpfs needs root");
        Path project = TempProject.gitProject(temp, "full");
        GeneratedCorpus.write(project.resolve("docs"), 4, 200, new Random(1));
        GeneratedCorpus.write(project.resolve("more"), 30, 400, new Random(2));
        Path stateDir = Files.createDirectories(TempProject.stateDir(project));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", stateDir.toString()) == 0, "cannot mount tmpfs");
        try {
            env.put("DOC_SERVE_SELF_CHECK_INTERVAL", "1s");
            Http api = new Http(start(project).baseUrl());
            assertThat(awaitJob(api, submit(api, Map.of("folder_path", "docs"))).path("status").asText()).isEqualTo("done");
            int committed = api.get("/health/status").json().path("total_chunks").asInt();
            assertThat(committed).isPositive();
            assertThat(api.get("/q/health/ready").status()).isEqualTo(200);

            // Full but for 64 KiB: job records still fit, the index's new segment (vectors alone ~140 KiB) does not.
            Path filler = stateDir.resolve("filler");
            Path reserve = stateDir.resolve("reserve");
            Files.write(reserve, new byte[64 * 1024]);
            fill(filler);
            Http.Answer full = Eventually.await("readiness DOWN on a full disk", SETTLE,
                    () -> {
                        Http.Answer ready = api.get("/q/health/ready");
                        return ready.status() == 503 ? ready : null;
                    });
            assertThat(full.body()).contains("No space left");
            Files.delete(reserve);
            assertRefusedOrFailed(api, Map.of("folder_path", "more"), "No space left");
            assertThat(api.get("/health/status").json().path("total_chunks").asInt()).isEqualTo(committed);
            assertThat(api.post("/query", Map.of("query", "note", "mode", "bm25")).status()).isEqualTo(200);
            fill(reserve);
            assertRefusedOrFailed(api, Map.of("folder_path", "more"), "No space left");
            Files.delete(reserve);

            Files.delete(filler);
            Eventually.await("readiness UP once space returns", SETTLE, () -> api.get("/q/health/ready").status() == 200);
            assertThat(awaitJob(api, submit(api, Map.of("folder_path", "more"))).path("status").asText()).isEqualTo("done");
            int grown = api.get("/health/status").json().path("total_chunks").asInt();
            assertThat(grown).isGreaterThan(committed);

            // A read-only bind mount stacked on the state dir: the kernel refuses to remount a file system
            // read-only while the server holds files open for writing, but new opens go through the top mount.
            assertThat(run("mount", "--bind", stateDir.toString(), stateDir.toString())).isZero();
            assertThat(run("mount", "-o", "remount,ro,bind", stateDir.toString())).isZero();
            Http.Answer readOnly = Eventually.await("readiness DOWN on a read-only disk", SETTLE,
                    () -> {
                        Http.Answer ready = api.get("/q/health/ready");
                        return ready.status() == 503 ? ready : null;
                    });
            assertThat(readOnly.body()).contains("Read-only");
            assertRefusedOrFailed(api, Map.of("folder_path", "docs", "force", true), "Read-only");
            assertThat(api.get("/health/status").json().path("total_chunks").asInt()).isEqualTo(grown);
            assertThat(run("umount", stateDir.toString())).as("drop the read-only bind mount").isZero();
            Eventually.await("readiness UP once writable", SETTLE, () -> api.get("/q/health/ready").status() == 200);
            // A rebuild drops every folder and indexes this one only.
            assertThat(awaitJob(api, submit(api, Map.of("folder_path", "docs", "rebuild", true))).path("status").asText()).isEqualTo("done");
            assertThat(api.get("/health/status").json().path("total_chunks").asInt()).isEqualTo(committed);
            assertThat(cli(project, "stop").exitCode()).isZero();
        } finally {
            killServersAndUnmount(stateDir);
        }
    }

    // 7. The data dir's file system stops taking writes (fsfreeze: what a hung network mount or a dying disk does).
    @Test
    void shouldKeepAnsweringClientsAndGoNotReadyWhileTheDataDirIsFrozen() throws Exception {
        FaultPlan.once("frozen-disk");
        assumeTrue("root".equals(System.getProperty("user.name")), "freezing a file system needs root");
        Path project = TempProject.gitProject(temp, "frozen");
        GeneratedCorpus.write(project.resolve("docs"), 4, 200, new Random(3));
        Path dataDir = Files.createDirectories(TempProject.stateDir(project).resolve("data"));
        Path image = temp.resolve("data.img");
        try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            file.setLength(32L << 20);
        }
        assumeTrue(run("mkfs.ext4", "-q", "-F", image.toString()) == 0, "mkfs.ext4 is needed");
        assumeTrue(run("mount", "-o", "loop", image.toString(), dataDir.toString()) == 0, "cannot mount a loop device");
        boolean frozen = false;
        try {
            RuntimeState server = start(project);
            Http api = new Http(server.baseUrl());
            assertThat(awaitJob(api, submit(api, Map.of("folder_path", "docs"))).path("status").asText()).isEqualTo("done");
            assertThat(api.get("/q/health/ready").status()).isEqualTo(200);

            assertThat(run("fsfreeze", "-f", dataDir.toString())).isZero();
            frozen = true;
            // Every poll asks /health as every client does, with 2 s to answer: the server stays recognised.
            Http.Answer down = Eventually.await("readiness DOWN on a frozen disk", SETTLE, () -> {
                assertThat(probe.answersAs(server.baseUrl(), server.instanceId())).as("/health within 2 s").isTrue();
                Http.Answer ready = api.get("/q/health/ready");
                return ready.status() == 503 ? ready : null;
            });
            assertThat(down.body()).contains("has not completed");
            assertThat(api.get("/health").json().path("status").asText()).isEqualTo("degraded");
            assertThat(api.post("/query", Map.of("query", "note", "mode", "bm25")).status()).as("committed data is still served").isEqualTo(200);
            assertThat(cli(project, "status").exitCode()).as("status sees it running").isZero();

            assertThat(run("fsfreeze", "-u", dataDir.toString())).isZero();
            frozen = false;
            Eventually.await("readiness UP once thawed", SETTLE, () -> api.get("/q/health/ready").status() == 200);
            assertThat(api.get("/health").json().path("status").asText()).isEqualTo("healthy");
            assertThat(cli(project, "stop").exitCode()).isZero();
        } finally {
            if (frozen) {
                run("fsfreeze", "-u", dataDir.toString());
            }
            killServersAndUnmount(dataDir);
        }
    }

    private void killServersAndUnmount(Path mountPoint) throws IOException, InterruptedException {
        servers.killAll();
        Eventually.await("servers gone before unmounting", SETTLE, () -> servers.servers().isEmpty());
        // A killed server's files close a moment after it leaves the process table.
        while (!unmountedAll(mountPoint)) {
            Thread.sleep(200);
        }
    }

    private int unmountAttempts;

    private boolean unmountedAll(Path dir) throws IOException, InterruptedException {
        if (!Files.readString(Path.of("/proc/self/mounts")).contains(" " + dir + " ")) {
            return true;
        }
        run(++unmountAttempts > 50 ? new String[]{"umount", "-l", dir.toString()} : new String[]{"umount", dir.toString()});
        return false;
    }

    /** A clear answer either way: 503 saying why at once, or an accepted job that fails saying why. */
    private static void assertRefusedOrFailed(Http api, Map<String, Object> body, String why) {
        Http.Answer answer = api.post("/index", body);
        if (answer.status() == 503) {
            assertThat(answer.detail()).contains(why).doesNotContain("\tat ");
            return;
        }
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        JsonNode job = awaitJob(api, answer.json().path("job_id").asText());
        assertThat(job.path("status").asText()).isEqualTo("failed");
        assertThat(job.path("error").asText()).contains(why);
    }

    private static void assertNeverTwoHolders(LockSampler sampler) {
        System.out.printf("lock sampler: %d samples, at most %d holder(s) at once%n", sampler.samples(), sampler.worst().size());
        assertThat(sampler.worst()).as("lock holders at the worst of %d samples", sampler.samples()).hasSizeLessThanOrEqualTo(1);
    }

    private static void fill(Path filler) {
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException e) {
            assertThat(e.getMessage()).contains("No space left");
        }
    }

    // 8. The benchmark's recovery step (issue 18): a server that has just become ready is killed with
    //    kill -9 at once (or a seeded moment later), and the next serve must become ready. One such round
    //    in three bench runs stalled past 60 s with its output discarded; a stalled round here keeps the
    //    servers' output and a thread dump, and names the files.
    @Test
    void shouldBecomeReadyAgainAfterKillNineOfAServerThatJustBecameReady() throws Exception {
        FaultPlan plan = FaultPlan.of("recover", 15);
        Random random = plan.random();
        Path project = TempProject.gitProject(temp, "recover");
        Files.writeString(project.resolve("notes.md"), "# Notes\nSomething to serve.\n");
        // The servers say when the HTTP start event beat the port's registration (the stall's cause).
        Map<String, String> debugEnv = new HashMap<>(env);
        debugEnv.put("QUARKUS_LOG_CATEGORY__DEV_DOCSERVE_LIFECYCLE_SERVER__LEVEL", "DEBUG");
        List<Long> millis = new ArrayList<>();
        int portRaces = 0;
        for (int round = 0; round < plan.rounds(); round++) {
            DocServeProcess crashed = DocServeProcess.launch(project, debugEnv, "serve");
            awaitServing(project, crashed, round, "first start");
            long pause = random.nextBoolean() ? 0 : random.nextInt(300);
            Thread.sleep(pause);
            crashed.kill();
            long began = System.nanoTime();
            DocServeProcess recovered = DocServeProcess.launch(project, debugEnv, "serve");
            awaitServing(project, recovered, round, "start after kill -9 (" + pause + " ms after ready)");
            millis.add((System.nanoTime() - began) / 1_000_000);
            recovered.terminate();
            assertThat(recovered.waitForExit(SETTLE)).as("round %d: graceful stop", round).isZero();
            for (DocServeProcess server : List.of(crashed, recovered)) {
                if (server.stdout().contains(PORT_RACE)) {
                    portRaces++;
                    System.out.printf("fault recover: round %d, pid %d: %s%n", round, server.pid(), server.stdout().lines()
                            .filter(line -> line.contains(PORT_RACE)).findFirst().orElse(""));
                }
            }
        }
        List<Long> sorted = millis.stream().sorted().toList();
        long over = millis.stream().filter(ms -> ms > 5000).count();
        System.out.printf("fault recover: %d rounds, recovery p50 %d ms, max %d ms, %d over 5 s; "
                        + "start event before the port in %d of %d starts; load average %.1f%n",
                millis.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1), over, portRaces, 2 * millis.size(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (Boolean.getBoolean("docserve.faults.recover.strict")) {
            // The contract's 5 s, asserted only on request: on a machine loaded by other builds a start takes longer.
            assertThat(over).as("rounds slower than 5 s: %s", millis).isZero();
        }
    }

    /**
     * Waits until {@code server} has published runtime.json and answers /health as itself, as the
     * benchmark does. A server that has not within its start budget fails the round with its output
     * and a thread dump kept on disk.
     */
    private void awaitServing(Path project, DocServeProcess server, int round, String what) throws IOException {
        Path runtime = TempProject.stateDir(project).resolve("runtime.json");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new AssertionError("round " + round + ", " + what + ": serve exited; output in " + server.outputFiles()
                        + ": " + server.stderr());
            }
            var state = RuntimeFile.readLeniently(runtime).filter(s -> s.pid() != null && s.pid() == server.pid());
            if (state.isPresent() && probe.answersAs(state.get().baseUrl(), state.get().instanceId())) {
                return;
            }
            sleep(20);
        }
        Path dump = Files.createTempFile("doc-serve-stalled-" + server.pid() + "-", ".jstack.txt");
        Path jstack = Path.of(ProcessHandle.current().info().command().orElse("java")).resolveSibling("jstack");
        try {
            new ProcessBuilder(jstack.toString(), String.valueOf(server.pid())).redirectErrorStream(true)
                    .redirectOutput(dump.toFile()).start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new AssertionError("round " + round + ", " + what + ": serve (pid " + server.pid() + ") not ready within 90 s; "
                + "its output: " + server.outputFiles() + ", thread dump: " + dump);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private RuntimeState start(Path project) throws IOException {
        DocServeProcess.Result start = cli(project, "start", "--json");
        assertThat(start.exitCode()).as(start.stderr()).isZero();
        JsonNode answer = Json.mapper().readTree(start.stdout());
        return awaitSingleOwner(project, answer.path("base_url").asText());
    }

    private RuntimeState awaitSingleOwner(Path project) {
        return awaitSingleOwner(project, null);
    }

    /** Waits until the losers of a race have exited, then checks the kernel, the files and /health agree. */
    private RuntimeState awaitSingleOwner(Path project, String expectedUrl) {
        Path runtime = TempProject.stateDir(project).resolve("runtime.json");
        return Eventually.await("exactly one live owner of " + project, SETTLE, () -> {
            List<Long> ofProject = servers.servers().stream().filter(pid -> isServerOf(pid, project)).toList();
            RuntimeState state = RuntimeFile.readLeniently(runtime).orElse(null);
            if (state == null || !ofProject.equals(List.of(state.pid())) || !probe.answersAs(state.baseUrl(), state.instanceId())
                    || expectedUrl != null && !expectedUrl.equals(state.baseUrl())) {
                return null;
            }
            return servers.lockHolders().contains(state.pid()) ? state : null;
        });
    }

    private static boolean isServerOf(long pid, Path project) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", String.valueOf(pid), "cwd")).startsWith(project)
                    || Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).contains(project.toString());
        } catch (IOException e) {
            return false;
        }
    }

    private void endRound(Path project, RuntimeState owner, boolean gracefully) {
        if (gracefully) {
            assertThat(cli(project, "stop").exitCode()).isZero();
        } else {
            killNine(ProcessHandle.of(owner.pid()).orElseThrow());
        }
        Eventually.await("no server after the round", SETTLE, () -> servers.servers().isEmpty());
    }

    private static void killNine(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().join();
    }

    private DocServeProcess.Result cli(Path workingDir, String... args) {
        try (DocServeProcess process = DocServeProcess.launch(workingDir, env, args)) {
            int exit = process.waitForExit(CLI);
            return new DocServeProcess.Result(exit, process.stdout(), process.stderr());
        }
    }

    private static String submit(Http api, Map<String, Object> body) {
        Http.Answer accepted = api.post("/index", body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().path("job_id").asText();
    }

    private static JsonNode awaitJob(Http api, String jobId) {
        return Eventually.await("job " + jobId + " finished", INDEXING, () -> {
            JsonNode job = api.get("/index/jobs/" + jobId).json();
            return Set.of("done", "failed", "cancelled").contains(job.path("status").asText()) ? job : null;
        });
    }

    private static int run(String... command) throws IOException, InterruptedException {
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    /** The committed state of an index, read straight from disk while no server holds it. */
    private record Snapshot(ChunkCounts counts, Map<String, FileRecord> files, List<String> chunkIds) {

        static Snapshot of(Path indexDir) throws IOException {
            try (LuceneChunkStore store = LuceneChunkStore.open(indexDir)) {
                return new Snapshot(store.counts(), new TreeMap<>(store.committedFiles()), store.chunkIds());
            }
        }

        /** No duplicated chunk, no chunk without its file, every committed file whole. */
        void assertConsistentWith(Snapshot reference) {
            assertThat(new HashSet<>(chunkIds)).as("no duplicated chunk ids").hasSize(chunkIds.size());
            assertThat(counts.chunks()).isEqualTo(chunkIds.size());
            assertThat(counts.documents()).isEqualTo(files.size());
            int expected = 0;
            for (FileRecord file : files.values()) {
                assertThat(reference.files()).containsKey(file.path());
                assertThat(file.chunkCount()).as("chunks of %s", file.path())
                        .isEqualTo(reference.files().get(file.path()).chunkCount());
                expected += file.chunkCount();
            }
            assertThat(chunkIds).as("no ghost chunks: only whole committed files").hasSize(expected);
            assertThat(reference.chunkIds()).containsAll(chunkIds);
        }
    }
}
