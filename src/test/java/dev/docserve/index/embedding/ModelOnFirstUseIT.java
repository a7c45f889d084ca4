package dev.docserve.index.embedding;

import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.SharedDaemon;
import dev.docserve.testing.TempProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A project server is ready without the embedding model, keeps it unloaded while nothing needs a vector,
 * and the first index run (or vector query) loads it, waiting for it and saying so in the log; with
 * {@code doc-serve.model.preload} it loads in the background at start instead.
 */
class ModelOnFirstUseIT {

    private static final String LOADING = "loading the embedding model";

    @TempDir
    Path temp;

    @Test
    void theFirstIndexRunShouldLoadTheModelNotTheStart() throws Exception {
        Path project = TempProject.withGuide(temp, "lazy");
        try (ProjectServer server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")))) {
            Http http = server.http();
            // Long enough for the warm-up that used to start at ready to have logged its start.
            Thread.sleep(3000);
            assertThat(http.get("/health/status").status()).isEqualTo(200);
            assertThat(http.post("/query", Map.of("query", "anything", "mode", "bm25")).status()).isEqualTo(200);
            assertThat(log(project)).as("nothing needed a vector yet").doesNotContain(LOADING);

            Http.Answer accepted = http.post("/index", Map.of("folder_path", "docs"));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            String job = accepted.json().path("job_id").asText();
            Eventually.await("the index job", Duration.ofSeconds(120),
                    () -> http.get("/index/jobs/" + job).json().path("status").asText().equals("done"));

            assertThat(log(project)).contains(LOADING + " " + SharedDaemon.TEST_MODEL + " for its first use")
                    .containsPattern("embedding model " + SharedDaemon.TEST_MODEL + " loaded in \\d+ ms");
            Http.Answer vector = http.post("/query", Map.of("query", "how do I start the server", "mode", "vector"));
            assertThat(vector.status()).as(vector.toString()).isEqualTo(200);
            assertThat(vector.json().path("total_results").asInt()).isPositive();
            assertThat(log(project).split(LOADING, -1)).as("loaded once").hasSize(2);
        }
    }

    @Test
    void preloadShouldLoadTheModelInTheBackgroundOnceTheServerIsReady() {
        Path project = TempProject.gitProject(temp, "eager");
        Map<String, String> env = ProjectServer.environment(temp.resolve("home"));
        env.put("DOC_SERVE_MODEL_PRELOAD", "true");
        try (ProjectServer server = ProjectServer.start(project, env)) {
            Eventually.await("the model loaded without a query", Duration.ofSeconds(60),
                    () -> log(project).contains("embedding model " + SharedDaemon.TEST_MODEL + " loaded in"));
            assertThat(log(project)).contains("on doc-serve-model-warm-up");
        }
    }

    private static String log(Path project) {
        Path logs = TempProject.stateDir(project).resolve("logs");
        if (!Files.isDirectory(logs)) {
            return "";
        }
        try (Stream<Path> files = Files.list(logs)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(Files.readString(file));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
