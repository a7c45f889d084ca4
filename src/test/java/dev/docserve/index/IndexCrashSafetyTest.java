package dev.docserve.index;

import dev.docserve.corpus.IndexRequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.store.FileRecord;
import dev.docserve.search.store.LuceneChunkStore;
import dev.docserve.testing.FakeEmbedder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kill -9 in the middle of indexing, in a real child JVM. */
class IndexCrashSafetyTest {

    private static final int FILES = 400;
    private static final int CHUNKS_PER_FILE = 2;
    /** ~300 tokens: one section fits a 512-token chunk, two do not, so the chunker never packs them together. */
    private static final String PADDING = "word ".repeat(300) + "\n";

    @TempDir
    Path project;
    @TempDir
    Path data;

    @Test
    void shouldOpenAnswerAndCompleteWithoutDuplicatesAfterKillDuringIndexing() throws Exception {
        for (int i = 0; i < FILES; i++) {
            Files.writeString(project.resolve("note" + i + ".md"),
                    "# First " + i + "\nalpha text of note " + i + "\n" + PADDING + "# Second " + i + "\nbeta text of note " + i
                            + "\n" + PADDING);
        }

        Process child = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), CrashingIndexerMain.class.getName(),
                project.toString(), data.toString(), Integer.toString(FolderIndexer.COMMIT_EVERY_CHUNKS + 100))
                .redirectErrorStream(true).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.startsWith("STALLED"));
            assertThat(line).as("the child reached the middle of its run").startsWith("STALLED");
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close, no commit
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();

        try (ProjectIndex index = ProjectIndex.open(project, data, new FakeEmbedder("fake", 32))) {
            IndexStatus afterCrash = index.status();
            assertThat(afterCrash.totalChunks()).as("at least one batch was committed before the kill")
                    .isGreaterThanOrEqualTo(FolderIndexer.COMMIT_EVERY_CHUNKS).isLessThan(FILES * CHUNKS_PER_FILE);
            assertThat(afterCrash.totalChunks()).isEqualTo(afterCrash.totalDocuments() * CHUNKS_PER_FILE);
            assertThat(index.query(SearchRequest.of("alpha text").withMode(SearchMode.BM25)).results()).isNotEmpty();

            IndexReport resumed = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());

            assertThat(resumed.filesUnchanged()).isEqualTo(afterCrash.totalDocuments());
            assertThat(resumed.filesIndexed()).isEqualTo(FILES - afterCrash.totalDocuments());
            assertThat(index.status().totalChunks()).isEqualTo(FILES * CHUNKS_PER_FILE);
            assertThat(index.status().totalDocuments()).isEqualTo(FILES);
        }
        try (LuceneChunkStore store = LuceneChunkStore.open(data.resolve(ProjectIndex.INDEX_FOLDER))) {
            Map<String, FileRecord> files = store.committedFiles();
            assertThat(files).hasSize(FILES);
            assertThat(files.values()).allSatisfy(f -> assertThat(f.chunkCount()).isEqualTo(CHUNKS_PER_FILE));
            List<String> ids = store.chunkIds();
            assertThat(ids).hasSize(FILES * CHUNKS_PER_FILE).doesNotHaveDuplicates();
        }
    }
}
