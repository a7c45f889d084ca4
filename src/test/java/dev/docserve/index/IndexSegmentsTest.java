package dev.docserve.index;

import dev.docserve.corpus.IndexRequest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.testing.FakeEmbedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an index run leaves on disk for queries to search. */
class IndexSegmentsTest {

    private static final int FILES = 700;
    /** ~300 tokens: one section fits a 512-token chunk, two do not, so each section stays a chunk of its own. */
    private static final String PADDING = "word ".repeat(300) + "\n";

    @TempDir
    Path project;
    @TempDir
    Path data;

    @Test
    void shouldLeaveOneSegmentAfterARunThatCommittedManyTimes() throws IOException {
        for (int i = 0; i < FILES; i++) { // 4 chunks a file: more than 5 commits of 512 chunks
            Files.writeString(project.resolve("note" + i + ".md"), "# One " + i + "\nalpha " + i + "\n" + PADDING + "# Two " + i
                    + "\nbeta " + i + "\n" + PADDING + "# Three " + i + "\ngamma " + i + "\n" + PADDING + "# Four " + i
                    + "\ndelta " + i + "\n" + PADDING);
        }
        IndexReport report;
        try (ProjectIndex index = ProjectIndex.open(project, data, new FakeEmbedder("fake", 16))) {
            report = index.index(IndexRequest.of(project), IndexProgressListener.NONE, CancellationToken.none());
        }

        assertThat(report.chunksIndexed()).isGreaterThan(5 * FolderIndexer.COMMIT_EVERY_CHUNKS);
        try (Directory directory = FSDirectory.open(data.resolve("index"));
             DirectoryReader reader = DirectoryReader.open(directory)) {
            assertThat(reader.leaves()).as("one HNSW graph to search, not one per commit").hasSize(1);
            assertThat(reader.numDocs()).isEqualTo(report.chunksIndexed() + FILES);
        }
    }
}
