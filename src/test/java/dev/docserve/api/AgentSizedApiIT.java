package dev.docserve.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.testing.Eventually;
import dev.docserve.testing.Http;
import dev.docserve.testing.ProjectServer;
import dev.docserve.testing.RawHttp;
import dev.docserve.testing.TempProject;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP tools' capabilities over plain HTTP against the packaged server: budgeted and paged
 * {@code POST /query} (and the unchanged classic answer), {@code GET /documents}, the multi-get, and the
 * search page at {@code GET /} for a browser next to the JSON document for everything else.
 */
class AgentSizedApiIT {

    @TempDir
    static Path temp;

    static ProjectServer server;
    static Http http;

    @BeforeAll
    static void startAndIndex() throws IOException {
        Path project = TempProject.gitProject(temp, "api");
        Files.createDirectories(project.resolve("docs"));
        Files.writeString(project.resolve("docs/guide.md"), "# Guide\n\nStart the server with doc-serve start.\n\n"
                + "## Install\n\nRun the zanzibar installer on Linux <b>now</b>.\n");
        for (int file = 1; file <= 4; file++) {
            Files.writeString(project.resolve("docs/topic" + file + ".md"), "# Topic " + file + "\n\n"
                    + "The zanzibar flux capacitor is calibrated before the train leaves. ".repeat(40) + "\n");
        }
        server = ProjectServer.start(project, ProjectServer.environment(temp.resolve("home")));
        http = server.http();
        String job = http.post("/index", Map.of("folder_path", "docs")).json().path("job_id").asText();
        Eventually.await("the index job", Duration.ofSeconds(300), () ->
                "done".equals(http.get("/index/jobs/" + job).json().path("status").asText()) ? true : null);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void shouldKeepTheClassicQueryAnswerAndAddPagesWithABudgetOnRequest() {
        JsonNode classic = http.post("/query", Map.of("query", "zanzibar flux capacitor")).json();
        assertThat(classic.has("files")).isFalse();
        assertThat(classic.path("results")).hasSize(5);

        Http.Answer paged = http.post("/query", Map.of("query", "zanzibar flux capacitor", "max_chars", 600));
        assertThat(paged.status()).as(paged.body()).isEqualTo(200);
        JsonNode answer = paged.json();
        assertThat(answer.path("text").asText().length()).isLessThanOrEqualTo(600);
        assertThat(answer.path("trimmed").asBoolean()).isTrue();
        assertThat(answer.path("files").get(0).path("hits").get(0).has("chunk_id")).isTrue();
        int snippets = 0;
        for (JsonNode result : answer.path("results")) {
            snippets += result.path("text").asText().length();
        }
        assertThat(snippets).isLessThan(600);
        int next = answer.path("next_offset").asInt();
        JsonNode second = http.post("/query", Map.of("query", "zanzibar flux capacitor", "max_chars", 600, "offset", next)).json();
        assertThat(second.path("offset").asInt()).isEqualTo(next);
        assertThat(second.path("results").get(0).path("chunk_id").asText())
                .isNotEqualTo(answer.path("results").get(0).path("chunk_id").asText());

        assertThat(http.post("/query", Map.of("query", "x", "max_chars", 5)).status()).isEqualTo(400);
        assertThat(http.post("/query", Map.of("query", "x", "offset", -1)).status()).isEqualTo(400);
    }

    @Test
    void shouldOpenDocumentsByPathAndByChunkId() {
        JsonNode window = http.get("/documents?path=docs/guide.md&from_line=3&lines=1").json();
        assertThat(window.path("content").asText()).isEqualTo("Start the server with doc-serve start.");
        assertThat(window.path("next_from_line").asInt()).isEqualTo(4);
        assertThat(window.path("stale").asBoolean()).isFalse();

        JsonNode hit = http.post("/query", Map.of("query", "zanzibar installer", "mode", "bm25", "top_k", 1)).json()
                .path("results").get(0);
        JsonNode chunk = http.get("/documents?chunk_id=" + hit.path("chunk_id").asText()).json();
        assertThat(chunk.path("path").asText()).isEqualTo("docs/guide.md");
        assertThat(chunk.path("from_line").asInt()).isEqualTo(hit.path("metadata").path("start_line").asInt());

        Http.Answer unknown = http.get("/documents?path=docs/missing.md");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().path("detail").asText()).contains("not an indexed file");
        assertThat(http.get("/documents").status()).isEqualTo(400);
        assertThat(http.get("/documents?path=docs/guide.md&max_chars=10").status()).isEqualTo(400);
    }

    @Test
    void shouldReadSeveralDocumentsWithinOneBudget() {
        JsonNode answer = http.post("/documents/multi-get", Map.of("glob", "docs/*.md", "max_chars", 1200)).json();
        assertThat(answer.path("text").asText().length()).isLessThanOrEqualTo(1200);
        assertThat(answer.path("documents").size()).isPositive();
        assertThat(answer.path("omitted_count").asInt()).isPositive();
        assertThat(http.post("/documents/multi-get", Map.of("paths", List.of())).status()).isEqualTo(400);
    }

    @Test
    void shouldShowASearchPageToBrowsersAndJsonToEveryoneElse() {
        RawHttp raw = new RawHttp(server.baseUrl());
        RawHttp.Response page = raw.send("GET", "/", Map.of("Accept", "text/html,application/xhtml+xml,*/*;q=0.8"), null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.headers().get("content-type")).startsWith("text/html");
        assertThat(page.body()).contains("<form id=\"search\" action=\"/\" method=\"get\">")
                .contains("name=\"query\"").contains("<option value=\"bm25\">").contains("5 documents");

        String query = URLEncoder.encode("zanzibar installer", StandardCharsets.UTF_8);
        RawHttp.Response rendered = raw.send("GET", "/?mode=bm25&query=" + query, Map.of("Accept", "text/html"), null);
        assertThat(rendered.body()).contains("<div class=\"file\">docs/guide.md</div>")
                .containsPattern("docs/guide.md:5-[0-9]+  Guide &gt; Install")
                .contains("zanzibar installer on Linux &lt;b&gt;now&lt;/b&gt;")
                .contains("value=\"zanzibar installer\"");

        Http.Answer json = http.get("/");
        assertThat(json.json().path("name").asText()).isEqualTo("doc-serve");
    }
}
