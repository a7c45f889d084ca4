package dev.docserve.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.HttpURLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.Set;
import java.util.HashSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged CLI driven as a user's shell would: real processes, real servers, a temp git
 * project and a temp shared home. Every server started here is stopped in {@link #stopServers()}.
 */
class CliLifecycleIT {

    @TempDir
    Path tmp;

    private CliProcess cli;
    private ServerCleanup servers;

    @BeforeEach
    void setUp() throws IOException {
        cli = new CliProcess(Files.createDirectories(tmp.resolve("home")));
        servers = new ServerCleanup(cli);
    }

    @AfterEach
    void stopServers() {
        servers.stopAll();
    }

    @Test
    void initShouldWriteExactlyTheDocumentedDefaultsAndIgnoreEverythingButTheConfig() throws Exception {
        Path project = CliProcess.gitProject(tmp, "p");

        CliProcess.Result init = cli.run(project, "init");

        assertThat(init.exitCode()).as(init.toString()).isZero();
        Path stateDir = project.resolve(".claude/doc-serve");
        JsonNode config = Json.mapper().readTree(stateDir.resolve("config.json").toFile());
        assertThat(config).isEqualTo(Json.mapper().readTree("""
                {"mode": "project", "bind_host": "127.0.0.1", "port": 0, "data_dir": "data",
                 "log_dir": "logs", "shared_server_url": null, "watch": true}"""));
        Files.createDirectories(stateDir.resolve("logs"));
        Files.writeString(stateDir.resolve("logs/doc-serve.log"), "x");
        Files.writeString(stateDir.resolve("runtime.json"), "{}");
        assertThat(git(project, "status", "--porcelain", "--untracked-files=all"))
                .containsExactlyInAnyOrder("?? .claude/doc-serve/.gitignore", "?? .claude/doc-serve/config.json");
    }

    @Test
    void initShouldNeverOverwriteAConfigWithoutForce() throws Exception {
        Path project = CliProcess.gitProject(tmp, "p");
        Path config = project.resolve(".claude/doc-serve/config.json");
        cli.run(project, "init");
        Files.writeString(config, "{\"port\": 41234}");

        CliProcess.Result again = cli.run(project, "init");
        assertThat(again.exitCode()).isEqualTo(1);
        assertThat(again.stderr()).startsWith("doc-serve: ").contains("--force");
        assertThat(Files.readString(config)).isEqualTo("{\"port\": 41234}");

        assertThat(cli.run(project, "init", "--force").exitCode()).isZero();
        assertThat(Json.mapper().readTree(config.toFile()).get("port").asInt()).isZero();
    }

    @Test
    void initInSharedModeShouldAlsoCreateTheSharedConfigWhenAbsent() throws Exception {
        Path project = CliProcess.gitProject(tmp, "p");

        assertThat(cli.run(project, "init", "--mode", "shared").exitCode()).isZero();

        JsonNode config = Json.mapper().readTree(project.resolve(".claude/doc-serve/config.json").toFile());
        assertThat(config.get("mode").asText()).isEqualTo("shared");
        JsonNode shared = Json.mapper().readTree(cli.home().resolve("shared_config.json").toFile());
        assertThat(shared.get("port").asInt()).isEqualTo(45123);
        assertThat(shared.get("chunk_size").asInt()).isEqualTo(512);
    }

    @Test
    void statusShouldExitThreeBeforeZeroDuringAndThreeAfterARun() {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));

        assertThat(cli.run(project, "status").exitCode()).isEqualTo(3);

        CliProcess.Result start = cli.run(project, "start");
        assertThat(start.exitCode()).as(start.toString()).isZero();
        String url = start.stdout().strip();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+");
        CliProcess.Result status = cli.run(project, "status");
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.stdout()).contains(url).contains("pid").contains("uptime");

        CliProcess.Result stop = cli.run(project, "stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(cli.run(project, "status").exitCode()).isEqualTo(3);
        assertThat(project.resolve(".claude/doc-serve/runtime.json")).doesNotExist();
        assertThat(project.resolve(".claude/doc-serve/doc-serve.pid")).doesNotExist();
    }

    @Test
    void everyCommandShouldPrintExactlyOneJsonDocumentWithJson() {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));

        JsonNode init = json(project, 0, "init", "--json");
        assertThat(init.get("project_root").asText()).isEqualTo(project.toString());
        assertThat(json(project, 3, "status", "--json").get("running").asBoolean()).isFalse();
        assertThat(json(project, 3, "url", "--json").get("exit_code").asInt()).isEqualTo(3);
        JsonNode start = json(project, 0, "start", "--json");
        assertThat(start.get("status").asText()).isEqualTo("started");
        String url = start.get("base_url").asText();
        assertThat(json(project, 0, "start", "--json").get("status").asText()).isEqualTo("already_running");
        JsonNode status = json(project, 0, "status", "--json");
        assertThat(status.get("running").asBoolean()).isTrue();
        assertThat(status.get("base_url").asText()).isEqualTo(url);
        assertThat(status.get("instance_id").asText()).isEqualTo(start.get("instance_id").asText());
        assertThat(json(project, 0, "url", "--json").get("base_url").asText()).isEqualTo(url);
        assertThat(json(project, 0, "list", "--json").get("instances")).hasSize(1);
        assertThat(json(project, 0, "stop", "--json").get("result").asText()).isEqualTo("stopped");
        assertThat(json(project, 0, "stop", "--json").get("result").asText()).isEqualTo("not_running");
        assertThat(json(project, 0, "list", "--json").get("instances")).isEmpty();
    }

    @Test
    void listShouldShowTwoProjectsStartedInParallel() {
        Path first = servers.track(CliProcess.gitProject(tmp, "first"));
        Path second = servers.track(CliProcess.gitProject(tmp, "second"));

        CompletableFuture<CliProcess.Result> a = CompletableFuture.supplyAsync(() -> cli.run(first, "start"));
        CompletableFuture<CliProcess.Result> b = CompletableFuture.supplyAsync(() -> cli.run(second, "start"));
        assertThat(a.join().exitCode()).as(a.join().toString()).isZero();
        assertThat(b.join().exitCode()).as(b.join().toString()).isZero();

        JsonNode instances = json(first, 0, "list", "--json").get("instances");
        List<String> roots = new ArrayList<>();
        instances.forEach(i -> roots.add(i.get("project_root").asText()));
        assertThat(roots).containsExactlyInAnyOrder(first.toString(), second.toString());
        CliProcess.Result plain = cli.run(first, "list");
        assertThat(plain.stdout().lines()).hasSize(2).allMatch(line -> line.split("\t").length == 5);
    }

    @Test
    void eightConcurrentStartsShouldLaunchOneServerAndAllPrintItsUrl() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "busy"));
        ExecutorService starters = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<CliProcess.Result>> starts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                starts.add(CompletableFuture.supplyAsync(() -> cli.run(project, "start"), starters));
            }
            Set<String> urls = new HashSet<>();
            for (CompletableFuture<CliProcess.Result> start : starts) {
                CliProcess.Result result = start.get(120, TimeUnit.SECONDS);
                assertThat(result.exitCode()).as(result.toString()).isZero();
                urls.add(result.stdout().strip());
            }
            assertThat(urls).hasSize(1);
            String url = urls.iterator().next();
            // Every serve the starts launched wrote to server.out: one booted and said it was ready, and no
            // loser was ever launched (a loser prints the winner's URL there before it exits).
            List<String> output = Files.readAllLines(project.resolve(".claude/doc-serve/logs/server.out"));
            assertThat(output.stream().filter(line -> line.contains("doc-serve ready")).count()).as(String.join("\n", output))
                    .isEqualTo(1);
            assertThat(output).as("lines printed by serves that lost the race").doesNotContain(url);
        } finally {
            starters.shutdownNow();
        }
    }

    @Test
    void stopShouldBeIdempotent() {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));

        CliProcess.Result nothing = cli.run(project, "stop");
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.stdout()).contains("not running");

        assertThat(cli.run(project, "start").exitCode()).isZero();
        assertThat(cli.run(project, "stop").exitCode()).isZero();
        CliProcess.Result again = cli.run(project, "stop");
        assertThat(again.exitCode()).isZero();
        assertThat(again.stdout()).contains("not running");
    }

    @Test
    void stopShouldCleanUpAfterAKilledServerAndListShouldPruneIt() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        JsonNode start = json(project, 0, "start", "--json");
        ProcessHandle server = ProcessHandle.of(start.get("pid").asLong()).orElseThrow();

        server.destroyForcibly();
        server.onExit().get();

        assertThat(cli.run(project, "status").exitCode()).isEqualTo(3);
        assertThat(json(project, 0, "list", "--json").get("instances")).isEmpty();
        assertThat(cli.home().resolve("instances")).isEmptyDirectory();
        assertThat(cli.run(project, "stop").exitCode()).isZero();
        assertThat(project.resolve(".claude/doc-serve/runtime.json")).doesNotExist();
        assertThat(project.resolve(".claude/doc-serve/doc-serve.lock")).doesNotExist();
    }

    @Test
    void startShouldReportTheServersReasonWhenItsFixedPortIsTaken() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CliProcess.Result start = cli.run(project, "start", "--port", Integer.toString(taken.getLocalPort()));

            assertThat(start.exitCode()).as(start.toString()).isNotZero();
            assertThat(start.stdout()).isEmpty();
            assertThat(start.stderr().lines()).hasSize(1);
            assertThat(start.stderr()).startsWith("doc-serve: ")
                    .contains("port " + taken.getLocalPort()).contains("already in use");
        }
        assertThat(cli.run(project, "status").exitCode()).isEqualTo(3);
    }

    @Test
    void startFromASubdirectoryAndASymlinkShouldReachTheSameInstance() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        Path sub = Files.createDirectories(project.resolve("src/main"));
        Path link = Files.createSymbolicLink(tmp.resolve("link"), project);

        String fromSub = cli.run(sub, "start").stdout().strip();
        CliProcess.Result fromLink = cli.run(link.resolve("src"), "start", "--json");
        CliProcess.Result viaPath = cli.run(tmp, "url", "--path", link.resolve("src/main").toString());

        assertThat(fromSub).startsWith("http://");
        assertThat(fromLink.json().get("status").asText()).isEqualTo("already_running");
        assertThat(fromLink.json().get("base_url").asText()).isEqualTo(fromSub);
        assertThat(fromLink.json().get("project_root").asText()).isEqualTo(project.toString());
        assertThat(viaPath.stdout().strip()).isEqualTo(fromSub);
    }

    @Test
    void urlShouldPrintOnlyTheBaseUrlAndStartTheServerWithStart() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));

        CliProcess.Result none = cli.run(project, "url");
        assertThat(none.exitCode()).isEqualTo(3);
        assertThat(none.stdout()).isEmpty();

        CliProcess.Result started = cli.run(project, "url", "--start");
        assertThat(started.exitCode()).as(started.toString()).isZero();
        String url = started.stdout();
        assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+\\n");
        HttpURLConnection health = (HttpURLConnection) URI.create(url.strip() + "/health").toURL().openConnection();
        assertThat(health.getResponseCode()).isEqualTo(200);
        assertThat(cli.run(project, "url").stdout()).isEqualTo(url);
    }

    @Test
    void discoveryApiShouldFindTheInstanceFromAnySubdirectory() throws Exception {
        Path project = servers.track(CliProcess.gitProject(tmp, "p"));
        Path sub = Files.createDirectories(project.resolve("docs/guide"));
        assertThat(dev.docserve.lifecycle.client.DocServeDiscovery.find(sub)).isEmpty();
        String url = cli.run(project, "start").stdout().strip();

        // How fast it answers is the benchmark's business (timed assertions flake on a loaded CI box).
        assertThat(dev.docserve.lifecycle.client.DocServeDiscovery.find(sub)).contains(url);
        assertThat(dev.docserve.lifecycle.client.DocServeDiscovery.findOrStart(project)).isEqualTo(url);
    }

    private JsonNode json(Path dir, int expectedExit, String... args) {
        CliProcess.Result result = cli.run(dir, args);
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(expectedExit);
        return result.json();
    }

    private static List<String> git(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes());
        git.waitFor();
        return out.lines().toList();
    }
}
