package dev.docserve.eval;

import dev.docserve.index.IndexProgressListener;
import dev.docserve.testing.TestEmbedders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real indexing pipeline and query path, evaluated end to end on a collection built here. */
class EngineEvaluationTest {

    @TempDir
    Path temp;

    @Test
    void shouldRankTheJudgedDocumentFirstInEveryModeThroughTheRealEngine() throws IOException {
        Path dir = Files.createDirectories(temp.resolve("tiny"));
        Files.writeString(dir.resolve("corpus.jsonl"), String.join("\n",
                doc("d1", "Penguins", "Emperor penguins breed in Antarctica during the winter and eat krill."),
                doc("d2", "Volcanoes", "Basaltic lava flows from shield volcanoes such as those on Hawaii."),
                doc("d3", "Compilers", "A register allocator assigns program variables to CPU registers."),
                doc("d4", "Coffee", "Caffeine blocks adenosine receptors, which reduces the feeling of tiredness."),
                doc("id with/odd:chars", "Tides", "The gravitational pull of the moon causes ocean tides.")) + "\n");
        Files.writeString(dir.resolve("queries.jsonl"), String.join("\n",
                "{\"_id\": \"q1\", \"text\": \"where do emperor penguins breed\"}",
                "{\"_id\": \"q2\", \"text\": \"why does caffeine keep you awake\"}",
                "{\"_id\": \"q3\", \"text\": \"what causes ocean tides\"}") + "\n");
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"),
                "query-id\tcorpus-id\tscore\nq1\td1\t1\nq2\td4\t1\nq3\tid with/odd:chars\t1\n");
        BeirCollection collection = BeirCollection.load(dir);

        EvaluationReport report;
        try (EngineCorpusIndexer indexer = new EngineCorpusIndexer(temp.resolve("work"), TestEmbedders.bgeSmall(),
                256, 20, List.of("vector", "bm25", "hybrid"), IndexProgressListener.NONE)) {
            report = new Evaluator().indexAndEvaluate(collection, indexer);
        }

        assertThat(report.documents()).isEqualTo(5);
        assertThat(report.judgedQueries()).isEqualTo(3);
        assertThat(report.modes()).extracting(ModeResult::mode).containsExactly("vector", "bm25", "hybrid");
        for (ModeResult mode : report.modes()) {
            assertThat(mode.mrrAt10()).as(mode.mode()).isEqualTo(1.0);
            assertThat(mode.ndcgAt10()).as(mode.mode()).isEqualTo(1.0);
            assertThat(mode.recallAt100()).as(mode.mode()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldMapFileNamesBackToAnyDocumentId() {
        String id = "id with/odd:chars.é";
        String file = EngineCorpusIndexer.fileName(id);

        assertThat(file).doesNotContain("/", " ", ":");
        assertThat(EngineCorpusIndexer.documentId(new dev.docserve.search.SearchResult("t", "/x/" + file, 1, null, null,
                "c", "doc", "text", java.util.Map.of(), null, false))).isEqualTo(id);
    }

    private static String doc(String id, String title, String text) {
        return "{\"_id\": \"" + id + "\", \"title\": \"" + title + "\", \"text\": \"" + text + "\", \"metadata\": {}}";
    }
}
