package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docserve.index.IndexProgressListener;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.SearchMode;
import dev.docserve.testing.TestEmbedders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eval --repo end to end: a repository built here, indexed with code by the real pipeline, judged by file. */
class RepoEvaluationTest {

    @TempDir
    Path temp;

    @Test
    void shouldFindTheJudgedFilesOfARepositoryInEveryMode() throws IOException {
        Path dir = temp.resolve("tiny");
        Path repo = Files.createDirectories(dir.resolve("repo"));
        Files.createDirectories(repo.resolve("src/main/java/demo"));
        Files.createDirectories(repo.resolve("docs"));
        Files.writeString(repo.resolve("src/main/java/demo/IndexingSettings.java"), String.join("\n",
                "package demo;",
                "",
                "/** Limits how many index jobs run at once. */",
                "public final class IndexingSettings {",
                "    private int maxConcurrentIndexing = 2;",
                "",
                "    public int maxConcurrentIndexing() {",
                "        return maxConcurrentIndexing;",
                "    }",
                "}"));
        Files.writeString(repo.resolve("src/main/java/demo/Retry.java"), String.join("\n",
                "package demo;",
                "",
                "/** Retries a failed upload with exponential backoff. */",
                "public final class Retry {",
                "    public void backoff(int attempt) throws InterruptedException {",
                "        Thread.sleep(100L << attempt);",
                "    }",
                "}"));
        Files.writeString(repo.resolve("docs/penguins.rst"), String.join("\n",
                "Penguins", "========", "", "Emperor penguins breed in Antarctica during the winter."));
        Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
                "{\"_id\": \"q1\", \"text\": \"max concurrent indexing\", \"kind\": \"code\", \"lexical\": true}",
                "{\"_id\": \"q2\", \"text\": \"where do emperor penguins breed\", \"kind\": \"doc\", \"lexical\": false}",
                "{\"_id\": \"q3\", \"text\": \"retry failed uploads with backoff\", \"kind\": \"code\", \"lexical\": false}") + "\n");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\n"
                + "q1\tsrc/main/java/demo/IndexingSettings.java\t2\nq2\tdocs/penguins.rst\t2\n"
                + "q3\tsrc/main/java/demo/Retry.java\t2\n");
        RepoCollection collection = RepoCollection.load(dir, "test");

        try (RepoIndexer indexer = RepoIndexer.index(collection.repo(), temp.resolve("data"), TestEmbedders.bgeSmall(),
                512, 50, IndexProgressListener.NONE)) {
            assertThat(indexer.report().filesSelected()).as("code is indexed").isEqualTo(3);
            for (SearchMode mode : SearchMode.values()) {
                FileModeResult result = new FileLevelEvaluator().evaluate(mode.name().toLowerCase(java.util.Locale.ROOT),
                        indexer.retriever(mode, FusionMethod.DEFAULT, 0.5), collection);
                assertThat(result.all().mrrAt10()).as(mode.name()).isEqualTo(1.0);
                assertThat(result.byKind()).containsOnlyKeys("code", "doc");
                assertThat(result.byLexical()).containsOnlyKeys("true", "false");
            }
            assertThat(indexer.chunksByLanguage()).containsKeys("java", "rst");

            Path candidates = temp.resolve("candidates.jsonl");
            try (FusionCandidatesFile file = new FusionCandidatesFile(candidates, path -> path)) {
                file.write("q1", true, indexer.candidates("max concurrent indexing", FusionMethod.DEFAULT, 0.5,
                        dev.docserve.search.TestFilePrior.defaults()));
            }
            JsonNode line = new ObjectMapper().readTree(Files.readString(candidates));
            assertThat(line.get("query").asText()).isEqualTo("q1");
            assertThat(line.get("test_prior").asBoolean()).isTrue();
            assertThat(line.get("vector")).as("every chunk is a vector candidate").hasSizeGreaterThanOrEqualTo(3);
            JsonNode bestKeyword = line.get("bm25").get(0);
            assertThat(bestKeyword.get(0).asText()).isEqualTo("src/main/java/demo/IndexingSettings.java");
            assertThat(bestKeyword.get(3).asDouble()).as("a raw BM25 score, not a normalised one").isGreaterThan(1.0);
        }
    }

    @Test
    void shouldRefuseQrelsThatNameAFileMissingFromTheRepository() throws IOException {
        Path dir = temp.resolve("bad");
        Files.createDirectories(dir.resolve("repo"));
        Files.writeString(dir.resolve("repo/a.md"), "# A");
        Files.writeString(dir.resolve("queries.jsonl"), "{\"_id\": \"q1\", \"text\": \"a\"}\n");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), "query-id\tcorpus-id\tscore\nq1\tb.md\t1\n");

        assertThatThrownBy(() -> RepoCollection.load(dir, "test")).isInstanceOf(BeirFormatException.class)
                .hasMessageContaining("b.md").hasMessageContaining("not under");
    }
}
