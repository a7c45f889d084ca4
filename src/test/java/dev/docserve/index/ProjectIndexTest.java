package dev.docserve.index;

import dev.docserve.corpus.IndexRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.docserve.index.loading.SkipReason;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.ModelMismatchException;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResponse;
import dev.docserve.search.SearchResult;
import dev.docserve.search.TestFilePrior;
import dev.docserve.testing.FakeEmbedder;
import dev.docserve.testing.ForwardingEmbedder;
import dev.docserve.testing.TestEmbedders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ProjectIndexTest {

    @TempDir
    Path project;
    @TempDir
    Path data;

    private ProjectIndex index;

    @BeforeEach
    void open() throws IOException {
        index = ProjectIndex.open(project, data, TestEmbedders.bgeSmall());
    }

    @AfterEach
    void close() throws IOException {
        index.close();
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void shouldFindTheExpectedDocumentInEveryMode(SearchMode mode) throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project).withIncludeCode(true), IndexProgressListener.NONE, CancellationToken.none());

        SearchResponse response = index.query(SearchRequest.of("how do I brew green tea").withMode(mode));

        assertThat(response.results()).isNotEmpty();
        SearchResult top = response.results().get(0);
        assertThat(top.metadata()).containsEntry("path", "docs/tea.md");
        assertThat(top.source()).isEqualTo(project.toRealPath().resolve("docs/tea.md").toString());
        assertThat(top.score()).isBetween(0.0, 1.0);
        assertThat(top.chunkId()).hasSize(32);
        if (mode != SearchMode.BM25) {
            assertThat(top.vectorScore()).isNotNull();
        }
        if (mode != SearchMode.VECTOR) {
            assertThat(top.bm25Score()).isNotNull();
        }
    }

    @Test
    void shouldSkipUnreadFilesWhoseStatIsUnchangedAndRefreshTheRecordOfARewrittenButEqualFile() throws IOException {
        Path docs = java.nio.file.Files.createDirectories(project.resolve("docs"));
        java.nio.file.Files.writeString(docs.resolve("a.md"), "# A\n\nThe lighthouse keeper logs every ship.\n");
        java.nio.file.Files.writeString(docs.resolve("b.md"), "# B\n\nThe orchard grows pears.\n");
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());
        java.nio.file.attribute.FileTime later = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().plusSeconds(60));
        java.nio.file.Files.setLastModifiedTime(docs.resolve("a.md"), later); // same bytes, new time (a checkout)
        assertThat(index.query(SearchRequest.of("lighthouse keeper").withMode(SearchMode.BM25)).results().get(0).stale())
                .as("stale by its stat").isTrue();

        IndexReport again = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(again.filesIndexed()).as("equal content is not embedded again").isZero();
        assertThat(again.filesUnchanged()).isEqualTo(2);
        SearchResult hit = index.query(SearchRequest.of("lighthouse keeper").withMode(SearchMode.BM25)).results().get(0);
        assertThat(hit.stale()).as("its record now has the new time").isFalse();
        assertThat(hit.indexedAt()).isNotNull();
        assertThat(index.committedFiles().get("docs/a.md").matchesStat(java.nio.file.Files.size(docs.resolve("a.md")),
                later.toInstant())).isTrue();
    }

    @Test
    void shouldFindByMeaningWhatKeywordsMiss() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        SearchResponse vector = index.query(SearchRequest.of("hot beverage made from leaves").withMode(SearchMode.VECTOR));

        assertThat(vector.results().get(0).metadata()).containsEntry("path", "docs/tea.md");
    }

    @Test
    void shouldRankWithReciprocalRankFusionToo() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        SearchResponse rrf = index.query(SearchRequest.of("replace a bicycle tire").withFusion(FusionMethod.RRF));

        assertThat(rrf.results().get(0).metadata()).containsEntry("path", "docs/bike.md");
        assertThat(rrf.results().get(0).score()).isLessThanOrEqualTo(1.0);
    }

    @Test
    void shouldTreatQueryOperatorsAsPlainText() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        for (String query : List.of("AND tea", "tea OR", "\"unbalanced", "(tea", "tea:green", "-", "*", "the a of")) {
            assertThat(index.query(SearchRequest.of(query).withMode(SearchMode.BM25)).results()).isNotNull();
            assertThat(index.query(SearchRequest.of(query)).results()).isNotNull();
        }
    }

    @ParameterizedTest
    @EnumSource(SearchMode.class)
    void shouldRankCodeAboveTheTestsThatNameItUnlessTheQueryAsksForTests(SearchMode mode) throws IOException {
        writeRetryPolicyAndItsTest();
        SearchRequest request = SearchRequest.of("retry policy backoff for a failed upload").withMode(mode);
        TestFilePrior strong = new TestFilePrior(0.3);

        assertThat(topPath(index.query(request, new TestFilePrior(1.0)))).as("without the prior the test wins")
                .isEqualTo("src/test/java/RetryPolicyTest.java");
        assertThat(topPath(index.query(request, strong))).isEqualTo("src/main/java/RetryPolicy.java");
        assertThat(topPath(index.query(SearchRequest.of("tests of the retry policy backoff for a failed upload").withMode(mode),
                strong))).isEqualTo("src/test/java/RetryPolicyTest.java");
    }

    @Test
    void shouldWeighTestFilesByDefault() throws IOException {
        writeRetryPolicyAndItsTest();

        assertThat(topPath(index.query(SearchRequest.of("retry policy backoff for a failed upload").withMode(SearchMode.BM25))))
                .isEqualTo("src/main/java/RetryPolicy.java");
    }

    private void writeRetryPolicyAndItsTest() throws IOException {
        writeCorpus(); // other files, so that min-max fusion does not see the two of interest alone
        write("src/main/java/RetryPolicy.java", String.join("\n",
                "/** How often a failed upload is tried again, and how long to wait in between. */",
                "public class RetryPolicy {",
                "    private final int maxAttempts = 5;",
                "    long backoffMillis(int attempt) { return 100L << attempt; }",
                "}"));
        write("src/test/java/RetryPolicyTest.java", String.join("\n",
                "/** The retry policy: a failed upload is retried with backoff, the retry policy caps attempts. */",
                "class RetryPolicyTest {",
                "    RetryPolicy retryPolicy = new RetryPolicy();",
                "    @Test void retryPolicyRetriesAFailedUploadWithBackoff() { assertEquals(200, retryPolicy.backoffMillis(1)); }",
                "    @Test void retryPolicyCapsTheAttemptsOfAFailedUpload() { }",
                "}"));
        index.index(IndexRequest.of(project).withIncludeCode(true), IndexProgressListener.NONE, CancellationToken.none());
    }

    private static String topPath(SearchResponse response) {
        return String.valueOf(response.results().get(0).metadata().get("path"));
    }

    @Test
    void shouldEmbedTheSpanUnderItsFileNameAndHeadingAndLetBm25ReadItsWholePath() throws IOException {
        List<String> embedded = new ArrayList<>();
        index.close();
        index = ProjectIndex.open(project, data, new ForwardingEmbedder(TestEmbedders.bgeSmall()) {
            @Override
            public List<float[]> embedDocuments(List<String> texts) {
                embedded.addAll(texts);
                return super.embedDocuments(texts);
            }
        });
        write("docs/setup/install.md", "# Install\n## Linux\nRun the package manager.\n");
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(embedded).containsExactly("install.md\nInstall > Linux\n\n# Install\n## Linux\nRun the package manager.");
        assertThat(index.query(SearchRequest.of("setup linux").withMode(SearchMode.BM25)).results())
                .as("the path and heading are BM25's to read").isNotEmpty();
    }

    @Test
    void shouldKeepTopKFullWhenFiltering() throws IOException {
        for (int i = 0; i < 12; i++) {
            write("docs/note" + i + ".md", "# Note " + i + "\nThe cache stores entries for note " + i + ".\n");
            write("src/cache" + i + ".py", "def cache_lookup_" + i + "(key):\n    \"\"\"Look up the cache entry.\"\"\"\n    return store[key]\n");
        }
        write("src/test/test_cache.py", "def test_cache():\n    # cache entries expire\n    assert cache_lookup_1('k') is None\n");
        index.index(IndexRequest.of(project).withIncludeCode(true), IndexProgressListener.NONE, CancellationToken.none());

        for (SearchMode mode : SearchMode.values()) {
            SearchRequest request = SearchRequest.of("cache entries").withMode(mode).withTopK(10);
            assertThat(index.query(request.withFilters(List.of("code"), List.of(), List.of())).results())
                    .hasSize(10).allSatisfy(r -> assertThat(r.sourceType()).isEqualTo("code"));
            assertThat(index.query(request.withFilters(List.of(), List.of("markdown"), List.of())).results())
                    .hasSize(10).allSatisfy(r -> assertThat(r.language()).isEqualTo("markdown"));
            assertThat(index.query(request.withFilters(List.of(), List.of(), List.of("src/**/test_*.py"))).results())
                    .extracting(r -> r.metadata().get("path")).containsExactly("src/test/test_cache.py");
            assertThat(index.query(request.withFilters(List.of("test"), List.of("python"), List.of())).results())
                    .extracting(SearchResult::sourceType).containsExactly("test");
        }
    }

    @Test
    void shouldSkipUnchangedFilesOnReindex() throws IOException {
        writeCorpus();
        IndexReport first = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());
        List<String> idsBefore = chunkIds("green tea");

        IndexReport second = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(first.filesIndexed()).isEqualTo(3);
        assertThat(second.filesIndexed()).isZero();
        assertThat(second.filesUnchanged()).isEqualTo(3);
        assertThat(second.chunksIndexed()).isZero();
        assertThat(chunkIds("green tea")).isEqualTo(idsBefore);
        assertThat(index.status().totalChunks()).isEqualTo(first.chunksIndexed());
    }

    @Test
    void shouldReembedOnlyTheNamedFolderOnForceAndKeepTheOtherFoldersChunks() throws IOException {
        write("docs/tea.md", "# Tea\nSteep sencha leaves in water at 80 degrees for two minutes.\n");
        write("notes/bike.md", "# Bicycles\nTo fix a flat tire, patch the inner tube and pump it up.\n");
        index.index(IndexRequest.of(project.resolve("docs")), IndexProgressListener.NONE, CancellationToken.none());
        index.index(IndexRequest.of(project.resolve("notes")), IndexProgressListener.NONE, CancellationToken.none());
        int both = index.status().totalChunks();

        IndexReport forced = index.index(IndexRequest.of(project.resolve("docs")).withForce(true), IndexProgressListener.NONE,
                CancellationToken.none());

        assertThat(forced.filesIndexed()).as("the named folder is re-embedded").isEqualTo(1);
        assertThat(index.status().totalChunks()).as("nothing of the other folder is dropped").isEqualTo(both);
        assertThat(index.query(SearchRequest.of("flat tire inner tube").withMode(SearchMode.BM25)).results())
                .extracting(r -> r.metadata().get("path")).contains("notes/bike.md");
        assertThat(index.status().indexedFolders()).hasSize(2);

        index.index(IndexRequest.of(project.resolve("docs")).withRebuild(true), IndexProgressListener.NONE,
                CancellationToken.none());
        assertThat(index.query(SearchRequest.of("flat tire inner tube").withMode(SearchMode.BM25)).results())
                .as("rebuild drops every folder first").isEmpty();
    }

    @Test
    void shouldReembedEveryFileOfTheFolderOnForceWithTheSameModel() throws IOException {
        writeCorpus();
        IndexReport first = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        IndexReport forced = index.index(IndexRequest.of(project).withForce(true), IndexProgressListener.NONE,
                CancellationToken.none());

        assertThat(forced.filesIndexed()).isEqualTo(3);
        assertThat(forced.filesUnchanged()).isZero();
        assertThat(index.status().totalChunks()).isEqualTo(first.chunksIndexed());
        assertThat(index.query(SearchRequest.of("green tea")).results()).isNotEmpty();
    }

    @Test
    void shouldRechunkUnchangedFilesWhenChunkSettingsChange() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        IndexReport smaller = index.index(IndexRequest.of(project).withChunking(128, 0), IndexProgressListener.NONE,
                CancellationToken.none());

        assertThat(smaller.filesIndexed()).isEqualTo(3);
        assertThat(smaller.effectiveChunkSize()).isEqualTo(128);
        assertThat(index.status().chunkSize()).isEqualTo(128);
        assertThat(index.status().chunkOverlap()).isZero();
    }

    @Test
    void shouldReplaceChangedFilesWithoutLeavingOldChunks() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());
        int chunksBefore = index.status().totalChunks();

        write("docs/tea.md", "# Coffee\nEspresso is brewed by forcing hot water through finely ground coffee beans.\n");
        IndexReport report = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(report.filesIndexed()).isEqualTo(1);
        assertThat(report.filesUnchanged()).isEqualTo(2);
        assertThat(index.query(SearchRequest.of("espresso coffee beans").withMode(SearchMode.BM25)).results().get(0).metadata())
                .containsEntry("path", "docs/tea.md");
        assertThat(index.query(SearchRequest.of("sencha matcha").withMode(SearchMode.BM25)).results()).isEmpty();
        // one chunk before and after the change: the old one was replaced, not kept beside the new one
        assertThat(index.status().totalChunks()).isEqualTo(chunksBefore);
    }

    @Test
    void shouldRemoveDeletedAndRenamedFiles() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        Files.delete(project.resolve("docs/bike.md"));
        Files.move(project.resolve("docs/tea.md"), project.resolve("docs/drinks.md"));
        IndexReport report = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(report.filesRemoved()).isEqualTo(2);
        assertThat(report.filesIndexed()).isEqualTo(1);
        assertThat(index.query(SearchRequest.of("bicycle tire").withMode(SearchMode.BM25)).results()).isEmpty();
        assertThat(index.query(SearchRequest.of("green tea").withTopK(50)).results())
                .extracting(r -> r.metadata().get("path")).contains("docs/drinks.md").doesNotContain("docs/tea.md");
        assertThat(index.status().totalDocuments()).isEqualTo(2);
    }

    @Test
    void shouldOnlyRemoveFilesOfTheReindexedFolder() throws IOException {
        writeCorpus();
        write("guides/setup.md", "# Setup\nInstall the package with pip.\n");
        index.index(IndexRequest.of(project.resolve("docs")), IndexProgressListener.NONE, CancellationToken.none());
        index.index(IndexRequest.of(project.resolve("guides")), IndexProgressListener.NONE, CancellationToken.none());

        IndexReport again = index.index(IndexRequest.of(project.resolve("guides")), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(again.filesRemoved()).isZero();
        IndexStatus status = index.status();
        assertThat(status.totalDocuments()).isEqualTo(4);
        assertThat(status.indexedFolders()).containsExactly(
                project.toRealPath().resolve("docs").toString(), project.toRealPath().resolve("guides").toString());
    }

    @Test
    void shouldRemoveFilesThatAreNoLongerSelected() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project).withIncludeCode(true), IndexProgressListener.NONE, CancellationToken.none());
        assertThat(index.status().totalCodeChunks()).isPositive();

        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(index.status().totalCodeChunks()).isZero();
        assertThat(index.status().languages()).containsOnlyKeys("markdown");
    }

    @Test
    void shouldPersistCountsAcrossReopen() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project).withIncludeCode(true), IndexProgressListener.NONE, CancellationToken.none());
        IndexStatus before = index.status();
        index.close();

        index = ProjectIndex.open(project, data, TestEmbedders.bgeSmall());

        IndexStatus after = index.status();
        assertThat(after).isEqualTo(before);
        assertThat(after.totalDocuments()).isEqualTo(4);
        assertThat(after.totalDocChunks() + after.totalCodeChunks()).isEqualTo(after.totalChunks());
        assertThat(after.languages()).containsKeys("markdown", "java");
        assertThat(after.lastIndexedAt()).isNotNull();
        assertThat(after.embeddingModel()).isEqualTo("bge-small-en-v1.5");
        assertThat(after.dimension()).isEqualTo(384);
        assertThat(after.chunkSize()).isEqualTo(510);
    }

    @Test
    void shouldReportCodeSymbolsAndLineRanges() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project).withIncludeCode(true), IndexProgressListener.NONE, CancellationToken.none());

        SearchResult hit = index.query(SearchRequest.of("compound interest rate")
                .withFilters(List.of("code"), List.of("java"), List.of())).results().get(0);

        assertThat(hit.metadata()).containsEntry("path", "src/main/java/Bank.java")
                .containsEntry("start_line", 1).containsEntry("end_line", 9);
        assertThat((String) hit.metadata().get("symbol")).startsWith("Bank");
    }

    @Test
    void shouldRefuseVectorQueriesOnAnIndexBuiltWithAnotherModelButStillAnswerKeywordOnes() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());
        index.close();
        index = ProjectIndex.open(project, data, new FakeEmbedder("text-embedding-3-small", 1536));

        assertThatThrownBy(() -> index.query(SearchRequest.of("tea")))
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("bge-small-en-v1.5").hasMessageContaining("text-embedding-3-small")
                .hasMessageContaining("\"rebuild\": true");
        assertThatThrownBy(() -> index.query(SearchRequest.of("tea").withMode(SearchMode.VECTOR)))
                .isInstanceOf(ModelMismatchException.class);
        assertThat(index.query(SearchRequest.of("green tea").withMode(SearchMode.BM25)).results()).isNotEmpty();
        assertThatThrownBy(() -> index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none()))
                .isInstanceOf(ModelMismatchException.class);

        assertThatThrownBy(() -> index.index(IndexRequest.of(project).withForce(true), IndexProgressListener.NONE,
                CancellationToken.none())).as("force re-embeds one folder: it must not mix two models' vectors")
                .isInstanceOf(ModelMismatchException.class);
        index.index(IndexRequest.of(project).withRebuild(true), IndexProgressListener.NONE, CancellationToken.none());
        assertThat(index.query(SearchRequest.of("green tea")).results()).isNotEmpty();
        assertThat(index.status().embeddingModel()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void shouldReportProgressAndStopWhenCancelled() throws IOException {
        for (int i = 0; i < 5; i++) {
            write("docs/n" + i + ".md", "# N" + i + "\nSome text " + i);
        }
        CancellationToken cancel = new CancellationToken();
        List<IndexProgress> seen = new ArrayList<>();

        assertThatThrownBy(() -> index.index(IndexRequest.of(project), p -> {
            seen.add(p);
            cancel.cancel();
        }, cancel)).isInstanceOf(IndexingCancelledException.class);

        assertThat(seen).extracting(IndexProgress::phase).containsExactly(IndexProgress.Phase.SCANNING);
        assertThat(index.status().totalDocuments()).isZero();
        List<IndexProgress> resumedProgress = new ArrayList<>();
        IndexReport resumed = index.index(IndexRequest.of(project), resumedProgress::add, CancellationToken.none());
        assertThat(resumed.filesIndexed()).isEqualTo(5);
        assertThat(index.status().totalDocuments()).isEqualTo(5);
        IndexProgress last = resumedProgress.get(resumedProgress.size() - 1);
        assertThat(last.phase()).isEqualTo(IndexProgress.Phase.COMMITTING);
        assertThat(last.percent()).isEqualTo(100);
        assertThat(last.chunksDone()).isEqualTo(last.chunksTotal()).isEqualTo(5);
    }

    @Test
    void shouldCountSkippedFilesAndRejectMissingFolders() throws IOException {
        writeCorpus();
        Files.write(project.resolve("docs/blob.txt"), new byte[] {1, 0, 2});

        IndexReport report = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        assertThat(report.filesSkipped()).containsEntry(SkipReason.BINARY.wireName(), 1).containsEntry("binary", 1);
        assertThatThrownBy(() -> index.index(IndexRequest.of(project.resolve("missing")), IndexProgressListener.NONE,
                CancellationToken.none())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldEmptyTheIndexOnClear() throws IOException {
        writeCorpus();
        index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

        index.clear();

        assertThat(index.status().totalChunks()).isZero();
        assertThat(index.status().embeddingModel()).isNull();
        assertThat(index.query(SearchRequest.of("tea")).results()).isEmpty();
    }

    private void writeCorpus() throws IOException {
        write("docs/tea.md", "# Tea\n## Brewing green tea\nSteep sencha or matcha leaves in water at 80 degrees for two minutes."
                + " Boiling water makes green tea bitter.\n");
        write("docs/bike.md", "# Bicycles\n## Repairs\nTo fix a flat tire, remove the wheel, patch the inner tube and pump it"
                + " to the pressure printed on the tire.\n");
        write("docs/rust.md", "# Rust\nThe borrow checker enforces that references never outlive the data they point to.\n");
        write("src/main/java/Bank.java", String.join("\n",
                "public class Bank {",
                "",
                "    /** Compound interest over years at a yearly rate. */",
                "    public double compound(double principal, double rate, int years) {",
                "        return principal * Math.pow(1 + rate, years);",
                "    }",
                "",
                "    public static void main(String[] args) { }",
                "}"));
    }

    private List<String> chunkIds(String query) throws IOException {
        return index.query(SearchRequest.of(query).withTopK(50)).results().stream().map(SearchResult::chunkId).toList();
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
