package dev.docserve.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.corpus.IndexRequest;
import dev.docserve.search.FusionMethod;
import dev.docserve.search.SearchMode;
import dev.docserve.search.SearchRequest;
import dev.docserve.search.SearchResult;
import dev.docserve.testing.TestEmbedders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: the same tree indexed twice must rank the same way, equal scores included. Byte-identical
 * files in different folders score exactly alike; the two indexings below write them in opposite
 * orders (folder by folder, reversed), so any tie broken by the index's internal document order shows.
 */
class RankingDeterminismTest {

    private static final List<String> FOLDERS = List.of("alpha", "beta", "gamma", "delta");
    private static final List<String> QUERIES = List.of("how do I brew green tea", "flat tire repair", "borrow checker",
            "water temperature", "pump the inner tube", "references outlive data");

    @TempDir
    Path project;
    @TempDir
    Path firstData;
    @TempDir
    Path secondData;

    @Test
    void shouldRankEqualScoresByPathThenPositionWhateverOrderTheIndexWasWrittenIn() throws IOException {
        writeTreeWithDuplicates();
        List<String> first = rankings(firstData, FOLDERS);
        List<String> reversed = new ArrayList<>(FOLDERS);
        java.util.Collections.reverse(reversed);
        List<String> second = rankings(secondData, reversed);

        assertThat(second).isEqualTo(first);
        // The copies tie, and the tie goes to the path that sorts first.
        assertThat(first).anySatisfy(line -> assertThat(line).contains("alpha/tea.md#0", "beta/tea.md#0"));
        String tea = first.stream().filter(line -> line.startsWith("BM25 how do I brew")).findFirst().orElseThrow();
        assertThat(tea.indexOf("alpha/tea.md")).isLessThan(tea.indexOf("beta/tea.md"));
        assertThat(tea.indexOf("beta/tea.md")).isLessThan(tea.indexOf("delta/tea.md"));
    }

    /** Every query in every mode and fusion: rank, path, position and score of each result, one line per query. */
    private List<String> rankings(Path data, List<String> folderOrder) throws IOException {
        List<String> out = new ArrayList<>();
        try (ProjectIndex index = ProjectIndex.open(project, data, TestEmbedders.bgeSmall())) {
            for (String folder : folderOrder) {
                index.index(IndexRequest.of(project.resolve(folder)), IndexProgressListener.NONE, CancellationToken.none());
            }
            for (SearchMode mode : SearchMode.values()) {
                for (FusionMethod fusion : FusionMethod.values()) {
                    for (String query : QUERIES) {
                        StringBuilder line = new StringBuilder(mode + " " + query + " " + fusion + ":");
                        for (SearchResult r : index.query(SearchRequest.of(query).withMode(mode).withFusion(fusion).withTopK(6))
                                .results()) {
                            line.append(' ').append(r.metadata().get("path")).append('#').append(r.metadata().get("chunk_index"))
                                    .append('=').append(r.score());
                        }
                        out.add(line.toString());
                    }
                }
            }
        }
        return out;
    }

    private void writeTreeWithDuplicates() throws IOException {
        String tea = "# Tea\n## Brewing green tea\nSteep sencha leaves in water at 80 degrees for two minutes."
                + " Boiling water makes green tea bitter.\n";
        String bike = "# Bicycles\n## Repairs\nTo fix a flat tire, remove the wheel, patch the inner tube and pump it up.\n";
        for (String folder : FOLDERS) {
            write(folder + "/tea.md", tea);
            write(folder + "/bike.md", bike);
        }
        write("alpha/rust.md", "# Rust\nThe borrow checker enforces that references never outlive the data they point to.\n");
        write("gamma/rust.md", "# Rust\nThe borrow checker enforces that references never outlive the data they point to.\n");
        write("delta/water.md", "# Water\nWater boils at 100 degrees at sea level.\n");
    }

    private void write(String relative, String content) throws IOException {
        Path file = project.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
