package dev.docserve.index;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real server indexing a folder full of traps (a FIFO, a socket, links to /dev/zero and /dev/urandom,
 * a link out of the project) and asked for folders outside its project: the job finishes, the traps
 * are counted as skipped, and nothing outside the project is read.
 */
class HostilePathsIT {

    @TempDir
    Path temp;

    @Test
    void shouldIndexAFolderOfTrapsWithoutHangingReadingDevicesOrLeavingTheProject() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/zero")) && Files.exists(Path.of("/dev/urandom")));
        Path project = TempProject.gitProject(temp, "traps");
        Path docs = Files.createDirectories(project.resolve("docs"));
        Files.writeString(docs.resolve("guide.md"), "# Guide\n\nThe lighthouse keeper logs every ship.\n");
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outside.resolve("secret.md"), "# Secret\n\nThe vault code is marmalade.\n");
        assumeTrue(run("mkfifo", docs.resolve("pipe.md").toString()));
        Files.createSymbolicLink(docs.resolve("zero.md"), Path.of("/dev/zero"));
        Files.createSymbolicLink(docs.resolve("random.txt"), Path.of("/dev/urandom"));
        Files.createSymbolicLink(docs.resolve("leak.md"), outside.resolve("secret.md"));
        Files.createSymbolicLink(docs.resolve("elsewhere"), outside);
        Files.createSymbolicLink(project.resolve("outside-link"), outside);

        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
                ProjectServer server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")))) {
            socket.bind(UnixDomainSocketAddress.of(docs.resolve("agent.md")));
            Http http = server.http();

            for (String folder : List.of("..", "../outside", "docs/../../outside", outside.toString(), "outside-link",
                    "docs/elsewhere", "/dev", "/proc/self", "/")) {
                Http.Answer refused = http.post("/index", Map.of("folder_path", folder, "include_patterns", List.of("**")));
                assertThat(refused.status()).as(folder + ": " + refused).isEqualTo(400);
                assertThat(refused.detail()).as(folder).contains("outside the project");
            }

            Http.Answer accepted = http.post("/index", Map.of("folder_path", "docs", "include_patterns", List.of("**")));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String job = accepted.json().path("job_id").asText();
            JsonNode done = Eventually.await("the index job over the traps", Duration.ofSeconds(120), () -> {
                JsonNode record = http.get("/index/jobs/" + job).json();
                assertThat(record.path("status").asText()).isNotIn("failed", "cancelled");
                return record.path("status").asText().equals("done") ? record : null;
            });

            JsonNode report = done.path("report");
            assertThat(report.path("files_indexed").asInt()).isEqualTo(1);
            // The FIFO, the socket and the two device links are not regular files; the two links out are skipped.
            assertThat(report.path("files_skipped").path("not_a_regular_file").asInt()).as(report.toString()).isEqualTo(4);
            assertThat(report.path("files_skipped").path("link_out_of_tree_or_seen").asInt()).as(report.toString()).isEqualTo(2);
            assertThat(bm25(http, "lighthouse keeper")).isEqualTo(1);
            assertThat(bm25(http, "vault code marmalade")).as("nothing from outside the project").isZero();
            assertThat(http.get("/health").json().path("status").asText()).isEqualTo("healthy");
        }
    }

    private static int bm25(Http http, String query) {
        return http.post("/query", Map.of("query", query, "mode", "bm25")).json().path("total_results").asInt();
    }

    private static boolean run(String... command) throws InterruptedException {
        try {
            Process process = new ProcessBuilder(command).start();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }
}
