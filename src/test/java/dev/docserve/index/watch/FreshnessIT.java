package dev.docserve.index.watch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.TempProject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: a running packaged server follows the files it indexed, and says how fresh its answers are.
 * Every wait polls with a deadline; none asserts a speed.
 */
class FreshnessIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @TempDir
    Path temp;

    @Test
    void shouldFollowEditsCreationsDeletionsRenamesAndNewFoldersButNeverIgnoredOnes() throws Exception {
        Path project = TempProject.gitProject(temp, "followed");
        write(project, "docs/a.md", "# Alpha\n\nThe lighthouse keeper logs every ship.\n");
        write(project, "docs/.gitignore", "scratch/\n*.draft.md\n!keep.draft.md\n");
        write(project, "docs/scratch/old.md", "# Scratch\n\nignoredscratchword\n");
        write(project, "docs/node_modules/pkg/readme.md", "# Pkg\n\nnodemoduleword\n");
        write(project, "docs/sub/b.md", "# Beta\n\nThe orchard grows pears.\n");
        try (ProjectServer server = ProjectServer.start(project, env(Map.of()))) {
            Http http = server.http();
            indexAndWait(http, "docs");
            JsonNode folder = Eventually.await("the folder to be watched", DEADLINE, () -> {
                JsonNode f = freshness(http);
                return f.path("state").asText().equals("watching") && f.path("folders").size() == 1 ? f.path("folders").get(0) : null;
            });
            assertThat(folder.path("watched_directories").asInt()).as("docs and docs/sub only: never scratch/ or node_modules/")
                    .isEqualTo(2);
            JsonNode hit = http.post("/query", Map.of("query", "lighthouse keeper", "mode", "bm25")).json().path("results").get(0);
            assertThat(hit.path("indexed_at").asText()).isNotBlank();
            assertThat(hit.path("stale").asBoolean()).isFalse();

            write(project, "docs/a.md", "# Alpha\n\nThe zeppelin pilot charts every storm.\n");
            awaitSources(http, "zeppelin pilot", List.of("docs/a.md"));
            assertThat(sources(http, "lighthouse keeper")).as("the old text is gone").isEmpty();

            write(project, "docs/new.md", "# New\n\nA quasar outshines its galaxy.\n");
            awaitSources(http, "quasar galaxy", List.of("docs/new.md"));

            Files.delete(project.resolve("docs/new.md"));
            awaitSources(http, "quasar galaxy", List.of());

            Files.move(project.resolve("docs/a.md"), project.resolve("docs/renamed.md"));
            awaitSources(http, "zeppelin pilot", List.of("docs/renamed.md"));

            write(project, "docs/scratch/more.md", "# More\n\nignoredscratchword again\n");
            write(project, "docs/node_modules/pkg/other.md", "# Other\n\nnodemoduleword again\n");
            write(project, "docs/sub/skip.draft.md", "# Draft\n\ndraftignoredword\n");
            write(project, "docs/sub/keep.draft.md", "# Kept draft\n\nnegatedkeepword\n");
            write(project, "docs/fresh/deep/c.md", "# Deep\n\nA nebula glows in a new folder.\n");
            awaitSources(http, "nebula glows", List.of("docs/fresh/deep/c.md"));
            awaitSources(http, "negatedkeepword", List.of("docs/sub/keep.draft.md"));
            for (String ignored : List.of("ignoredscratchword", "nodemoduleword", "draftignoredword")) {
                assertThat(sources(http, ignored)).as(ignored).isEmpty();
            }
            assertThat(freshness(http).path("folders").get(0).path("watched_directories").asInt())
                    .as("docs, sub, fresh, fresh/deep").isEqualTo(4);
            JsonNode jobs = http.get("/index/jobs").json();
            assertThat(operations(jobs)).contains("watch").doesNotContain("catch-up");

            assertThat(http.delete("/index").status()).isEqualTo(200);
            Eventually.await("a cleared index to be followed no more", DEADLINE,
                    () -> freshness(http).path("folders").isEmpty());
        }
    }

    @Test
    void shouldMarkAnEditedFileStaleUntilItIsIndexedAgainWhenWatchingIsOff() throws Exception {
        Path project = TempProject.gitProject(temp, "unwatched");
        write(project, "docs/a.md", "# Alpha\n\nThe lighthouse keeper logs every ship.\n");
        try (ProjectServer server = ProjectServer.start(project, env(Map.of("DOC_SERVE_WATCH", "false")))) {
            Http http = server.http();
            indexAndWait(http, "docs");
            assertThat(freshness(http).path("state").asText()).isEqualTo("off");
            assertThat(stale(http)).isFalse();

            write(project, "docs/a.md", "# Alpha\n\nThe lighthouse keeper logs every ship, and more.\n");
            assertThat(stale(http)).as("edited on disk, not indexed").isTrue();

            indexAndWait(http, "docs");
            assertThat(stale(http)).as("indexed again").isFalse();
            Files.delete(project.resolve("docs/a.md"));
            assertThat(stale(http)).as("deleted on disk").isTrue();
        }
    }

    @Test
    void shouldCoalesceABranchSwitchIntoOneRunWithNoGhostChunks() throws Exception {
        Path project = TempProject.gitProject(temp, "branches");
        for (int i = 0; i < 300; i++) {
            write(project, "docs/page" + i + ".md", "# Page " + i + "\n\nCommon text of page " + i + " uniqmain" + i + ".\n");
        }
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "main");
        git(project, "checkout", "-q", "-b", "other");
        for (int i = 0; i < 100; i++) {
            write(project, "docs/page" + i + ".md", "# Page " + i + "\n\nRewritten on the other branch uniqother" + i + ".\n");
        }
        for (int i = 200; i < 280; i++) {
            Files.delete(project.resolve("docs/page" + i + ".md"));
        }
        for (int i = 0; i < 30; i++) {
            write(project, "docs/added" + i + ".md", "# Added " + i + "\n\nOnly on the other branch uniqadded" + i + ".\n");
        }
        git(project, "add", "-A");
        git(project, "commit", "-q", "-m", "other");
        git(project, "checkout", "-q", "-");

        try (ProjectServer server = ProjectServer.start(project, env(Map.of("DOC_SERVE_FRESHNESS_DEBOUNCE", "1500ms")))) {
            Http http = server.http();
            indexAndWait(http, "docs");
            JsonNode watching = Eventually.await("watching", DEADLINE, () -> {
                JsonNode f = freshness(http);
                return f.path("state").asText().equals("watching") ? f : null;
            });
            // "watching" promises that edits from now on are followed: the folder must be watched already
            // (it once read "watching" in the moment between the run's end and the folder being followed).
            assertThat(watching.path("folders")).as(watching.toString()).hasSize(1);
            assertThat(watching.path("folders").get(0).path("state").asText()).isEqualTo("watching");
            assertThat(http.get("/health/status").json().path("total_documents").asInt()).isEqualTo(300);

            git(project, "checkout", "-q", "other");

            Eventually.await("the switch to be indexed", DEADLINE, () -> {
                JsonNode status = http.get("/health/status").json();
                return status.path("total_documents").asInt() == 250 && status.path("freshness").path("pending_changes").asInt() == 0
                        && !status.path("indexing_in_progress").asBoolean();
            });
            JsonNode watchRuns = jobsOf(http, "watch");
            assertThat(watchRuns).as("one coalesced run for the whole switch").hasSize(1);
            JsonNode report = watchRuns.get(0).path("report");
            assertThat(report.path("files_indexed").asInt()).isEqualTo(130);
            assertThat(report.path("files_removed").asInt()).isEqualTo(80);
            assertThat(sources(http, "uniqmain250")).as("a file of the old branch leaves no ghost").isEmpty();
            assertThat(sources(http, "uniqmain5")).as("old text of a rewritten file").isEmpty();
            assertThat(sources(http, "uniqother5")).containsExactly("docs/page5.md");
            int chunksAfterSwitch = http.get("/health/status").json().path("total_chunks").asInt();

            JsonNode rebuilt = indexAndWait(http, Map.of("folder_path", "docs", "force", true));
            assertThat(rebuilt.path("report").path("chunks_indexed").asInt()).as("a rebuild finds as many chunks")
                    .isEqualTo(chunksAfterSwitch);
        }
    }

    @Test
    void shouldIndexEditsMadeWhileStoppedAfterStartWithoutHoldingUpReadiness() throws Exception {
        Path project = TempProject.gitProject(temp, "restarted");
        write(project, "docs/a.md", "# Alpha\n\nThe lighthouse keeper logs every ship.\n");
        write(project, "docs/b.md", "# Beta\n\nThe orchard grows pears.\n");
        Map<String, String> env = env(Map.of());
        try (ProjectServer server = ProjectServer.start(project, env)) {
            indexAndWait(server.http(), "docs");
            assertThat(server.stop()).isZero();
        }
        write(project, "docs/a.md", "# Alpha\n\nThe zeppelin pilot charts every storm.\n");
        Files.delete(project.resolve("docs/b.md"));
        write(project, "docs/c.md", "# Gamma\n\nA quasar outshines its galaxy.\n");

        try (ProjectServer server = ProjectServer.start(project, env)) {
            Http http = server.http();
            awaitSources(http, "zeppelin pilot", List.of("docs/a.md"));
            awaitSources(http, "quasar galaxy", List.of("docs/c.md"));
            awaitSources(http, "orchard pears", List.of());
            JsonNode catchUp = jobsOf(http, "catch-up");
            assertThat(catchUp).hasSize(1);
            assertThat(catchUp.get(0).path("report").path("files_unchanged").asInt()).isZero();
            assertThat(catchUp.get(0).path("report").path("files_indexed").asInt()).isEqualTo(2);
            Eventually.await("watching after the catch-up", DEADLINE, () -> freshness(http).path("state").asText().equals("watching"));
        }
    }

    @Test
    void shouldReportTheWatchLimitAndFallBackToRescans() throws Exception {
        Path project = TempProject.gitProject(temp, "limited");
        write(project, "docs/a.md", "# Alpha\n\nThe lighthouse keeper logs every ship.\n");
        write(project, "docs/deeper/b.md", "# Beta\n\nThe orchard grows pears.\n");
        try (ProjectServer server = ProjectServer.start(project, env(Map.of(
                "DOC_SERVE_FRESHNESS_MAX_WATCHED_DIRECTORIES", "1", "DOC_SERVE_FRESHNESS_RESCAN_INTERVAL", "1s")))) {
            Http http = server.http();
            indexAndWait(http, "docs");
            JsonNode degraded = Eventually.await("the limit to be reported", DEADLINE, () -> {
                JsonNode f = freshness(http);
                return f.path("state").asText().equals("degraded") ? f : null;
            });
            assertThat(degraded.path("reason").asText()).contains("fs.inotify.max_user_watches", "rescanned");
            assertThat(degraded.path("folders").get(0).path("state").asText()).isEqualTo("polling");

            write(project, "docs/deeper/b.md", "# Beta\n\nThe zeppelin pilot charts every storm.\n");
            awaitSources(http, "zeppelin pilot", List.of("docs/deeper/b.md"));
            // The first edit may race the one-time catch-up scan that follows the first index run; once it is
            // indexed, that scan is over, and only the periodic rescan can find the next edit of a polled folder.
            write(project, "docs/deeper/b.md", "# Beta\n\nThe quasar astronomer maps the night sky.\n");
            awaitSources(http, "quasar astronomer", List.of("docs/deeper/b.md"));
            assertThat(operations(http.get("/index/jobs").json())).contains("rescan");
        }
    }

    private Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = ProjectServer.environment(temp.resolve("home"));
        env.put("DOC_SERVE_FRESHNESS_DEBOUNCE", "300ms");
        env.putAll(extra);
        return env;
    }

    private static JsonNode indexAndWait(Http http, String folder) {
        return indexAndWait(http, Map.of("folder_path", folder));
    }

    private static JsonNode indexAndWait(Http http, Map<String, Object> body) {
        Http.Answer accepted = http.post("/index", body);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String job = accepted.json().path("job_id").asText();
        return Eventually.await("index job " + job, DEADLINE, () -> {
            JsonNode record = http.get("/index/jobs/" + job).json();
            assertThat(record.path("status").asText()).as(record.toString()).isNotIn("failed", "cancelled");
            return record.path("status").asText().equals("done") ? record : null;
        });
    }

    private static JsonNode freshness(Http http) {
        return http.get("/health/status").json().path("freshness");
    }

    private static boolean stale(Http http) {
        JsonNode results = http.post("/query", Map.of("query", "lighthouse keeper", "mode", "bm25")).json().path("results");
        assertThat(results.size()).isEqualTo(1);
        return results.get(0).path("stale").asBoolean();
    }

    private static List<String> sources(Http http, String query) {
        JsonNode results = http.post("/query", Map.of("query", query, "mode", "bm25", "top_k", 50)).json().path("results");
        List<String> paths = new ArrayList<>();
        results.forEach(r -> paths.add(r.path("metadata").path("path").asText()));
        return paths.stream().distinct().sorted().toList();
    }

    private static void awaitSources(Http http, String query, List<String> expected) {
        Eventually.await("'" + query + "' to be found in " + expected, DEADLINE, () -> sources(http, query).equals(expected));
    }

    private static List<String> operations(JsonNode jobs) {
        return StreamSupport.stream(jobs.spliterator(), false).map(j -> j.path("operation").asText()).toList();
    }

    private static JsonNode jobsOf(Http http, String operation) {
        var array = new com.fasterxml.jackson.databind.node.ArrayNode(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance);
        http.get("/index/jobs").json().forEach(job -> {
            if (job.path("operation").asText().equals(operation)) {
                array.add(job);
            }
        });
        return array;
    }

    private static void write(Path root, String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static void git(Path project, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", project.toString(), "-c", "user.name=t",
                "-c", "user.email=t@example.com", "-c", "commit.gpgsign=false"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
    }
}
