package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BeirCollectionTest {

    @TempDir
    Path dir;

    private static final String CORPUS = """
            {"_id": "d1", "title": "Alpha", "text": "first body", "metadata": {}}
            {"_id": "d2", "text": "second body without title"}

            {"_id": 3, "title": null, "text": "numeric id"}
            """;
    private static final String QUERIES = """
            {"_id": "q1", "text": "what is alpha", "metadata": {"d1": [{"label": "SUPPORT"}]}}
            {"_id": "q2", "text": "unjudged query"}
            {"_id": "q3", "text": "numeric"}
            """;
    private static final String TEST_QRELS = "query-id\tcorpus-id\tscore\nq3\t3\t1\nq1\td1\t2\nq1\td2\t0\n";

    @Test
    void shouldLoadCorpusQueriesAndTestQrelsByDefault() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS));

        BeirCollection collection = BeirCollection.load(dir);

        assertThat(collection.split()).isEqualTo("test");
        assertThat(collection.name()).isEqualTo(dir.getFileName().toString());
        assertThat(collection.corpus()).containsExactly(
                new Document("d1", "Alpha", "first body"),
                new Document("d2", "", "second body without title"),
                new Document("3", "", "numeric id"));
        assertThat(collection.queries()).extracting(Query::id).containsExactly("q1", "q2", "q3");
        assertThat(collection.qrels().gradesFor("q1")).isEqualTo(Map.of("d1", 2, "d2", 0));
        assertThat(collection.qrels().size()).isEqualTo(3);
    }

    @Test
    void shouldKeepOnlyQueryTextSoAnswersInMetadataCannotLeak() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS));

        Query first = BeirCollection.load(dir).queries().get(0);

        assertThat(first).isEqualTo(new Query("q1", "what is alpha"));
    }

    @Test
    void shouldListJudgedQueriesInQueryFileOrderEvenWhenQrelsOrderDiffers() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS));

        assertThat(BeirCollection.load(dir).judgedQueries()).extracting(Query::id).containsExactly("q1", "q3");
    }

    @Test
    void shouldLoadTheSelectedSplit() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS, "train", "query-id\tcorpus-id\tscore\nq2\td2\t1\n"));

        BeirCollection train = BeirCollection.load(dir, "train");

        assertThat(train.split()).isEqualTo("train");
        assertThat(train.judgedQueries()).extracting(Query::id).containsExactly("q2");
    }

    @Test
    void shouldNameThePresentSplitsWhenTheRequestedOneIsMissing() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS, "train", TEST_QRELS));

        assertThatThrownBy(() -> BeirCollection.load(dir, "dev"))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("dev.tsv")
                .hasMessageContaining("splits present: test, train");
    }

    @Test
    void shouldAcceptQrelsWithoutHeader() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", "q1\td1\t1\n"));

        assertThat(BeirCollection.load(dir).qrels().gradesFor("q1")).isEqualTo(Map.of("d1", 1));
    }

    @Test
    void shouldNameFileAndLineOfInvalidJson() throws IOException {
        write(CORPUS + "{\"_id\": \"d4\", \"text\": \n", QUERIES, Map.of("test", TEST_QRELS));

        assertFormatError("corpus.jsonl", 5, "not valid JSON");
    }

    @Test
    void shouldNameFileAndLineOfAMissingId() throws IOException {
        write(CORPUS, QUERIES + "{\"text\": \"no id\"}\n", Map.of("test", TEST_QRELS));

        assertFormatError("queries.jsonl", 4, "missing \"_id\"");
    }

    @Test
    void shouldRejectAJsonLineThatIsNotAnObject() throws IOException {
        write("[\"d1\", \"text\"]\n", QUERIES, Map.of("test", TEST_QRELS));

        assertFormatError("corpus.jsonl", 1, "expected a JSON object");
    }

    @Test
    void shouldRejectADocumentWithoutText() throws IOException {
        write("{\"_id\": \"d1\", \"title\": \"only a title\"}\n", QUERIES, Map.of("test", TEST_QRELS));

        assertFormatError("corpus.jsonl", 1, "missing \"text\"");
    }

    @Test
    void shouldRejectADuplicateDocumentIdNamingBothLines() throws IOException {
        write(CORPUS + "{\"_id\": \"d1\", \"text\": \"again\"}\n", QUERIES, Map.of("test", TEST_QRELS));

        assertFormatError("corpus.jsonl", 5, "duplicate document id d1 (first on line 1)");
    }

    @Test
    void shouldRejectAQrelsLineWithTheWrongNumberOfFields() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS + "q1 d2 1\n"));

        assertFormatError("test.tsv", 5, "expected 3 tab-separated fields");
    }

    @Test
    void shouldRejectANonIntegerGrade() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS + "q1\td2\t0.5\n"));

        assertFormatError("test.tsv", 5, "score must be an integer grade, found \"0.5\"");
    }

    @Test
    void shouldRejectAJudgementGivenTwice() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS + "q1\td1\t1\n"));

        assertFormatError("test.tsv", 5, "duplicate judgement of query q1 for document d1 (first on line 3)");
    }

    @Test
    void shouldRejectQrelsForAQueryMissingFromTheQueriesFile() throws IOException {
        write(CORPUS, QUERIES, Map.of("test", TEST_QRELS + "q9\td1\t1\n"));

        assertFormatError("test.tsv", 5, "query q9 is not in queries.jsonl");
    }

    @Test
    void shouldLoadTheShippedSciFactWithItsPublishedStatistics() throws IOException {
        Path scifact = Path.of("/work/shared/evaldata/scifact");
        assumeTrue(Files.isDirectory(scifact), "SciFact is not on this machine");

        BeirCollection collection = BeirCollection.load(scifact);

        assertThat(collection.corpus()).hasSize(5_183);
        assertThat(collection.queries()).hasSize(1_109);
        assertThat(collection.judgedQueries()).hasSize(300);
        assertThat(collection.qrels().size()).isEqualTo(339);
    }

    private void assertFormatError(String fileName, int line, String problem) {
        assertThatThrownBy(() -> BeirCollection.load(dir))
                .isInstanceOfSatisfying(BeirFormatException.class, error -> {
                    assertThat(error.file().getFileName().toString()).isEqualTo(fileName);
                    assertThat(error.line()).isEqualTo(line);
                })
                .hasMessageContaining(fileName + ":" + line + ": " + problem);
    }

    private void write(String corpus, String queries, Map<String, String> qrelsBySplit) throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), corpus);
        Files.writeString(dir.resolve("queries.jsonl"), queries);
        Files.createDirectories(dir.resolve("qrels"));
        for (Map.Entry<String, String> split : qrelsBySplit.entrySet()) {
            Files.writeString(dir.resolve("qrels").resolve(split.getKey() + ".tsv"), split.getValue());
        }
    }
}
