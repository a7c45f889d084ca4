package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end on a six-document collection written to disk: load, index (sentences as chunks),
 * search, pool, score. The retrievers are deliberately trivial so every number can be worked out
 * by hand; log2(2) = 1, log2(3) ≈ 1.585, log2(4) = 2.
 */
class EvaluatorTest {

    private static final long MILLI = 1_000_000L;
    private static final Offset<Double> EXACT = within(1e-12);
    private static final double LOG2_3 = log2(3);

    @TempDir
    Path dir;

    private final AtomicLong nanos = new AtomicLong();
    /** Every reading advances time by 1 ms, so each timed call lasts exactly 1 ms. */
    private final LongSupplier tickingClock = () -> nanos.addAndGet(MILLI);

    private BeirCollection collection;

    @BeforeEach
    void writeTinyCollection() throws IOException {
        Files.writeString(dir.resolve("corpus.jsonl"), """
                {"_id": "d1", "title": "", "text": "Cats purr. Cats sleep a lot."}
                {"_id": "d2", "title": "", "text": "Dogs bark loudly."}
                {"_id": "d3", "title": "", "text": "Birds sing in the morning."}
                {"_id": "d4", "title": "", "text": "Cats and dogs can be friends."}
                {"_id": "d5", "title": "", "text": "Fish swim."}
                {"_id": "d6", "title": "", "text": "Morning coffee wakes people."}
                """);
        Files.writeString(dir.resolve("queries.jsonl"), """
                {"_id": "q1", "text": "do cats purr"}
                {"_id": "q2", "text": "dogs bark"}
                {"_id": "q3", "text": "morning"}
                {"_id": "q4", "text": "elephants trumpet"}
                {"_id": "q5", "text": "fish", "metadata": {"unjudged": true}}
                """);
        Files.createDirectories(dir.resolve("qrels"));
        Files.writeString(dir.resolve("qrels/test.tsv"), """
                query-id\tcorpus-id\tscore
                q1\td1\t1
                q2\td4\t2
                q2\td2\t1
                q3\td3\t1
                q4\td5\t1
                """);
        collection = BeirCollection.load(dir);
    }

    @Test
    void shouldAverageEachMetricOverTheJudgedQueries() throws IOException {
        EvaluationReport report = new Evaluator(100, tickingClock)
                .indexAndEvaluate(collection, corpus -> modes(new SentenceOverlapRetriever(corpus)));

        ModeResult overlap = report.modes().get(0);
        // q1: chunks "Cats purr" (2 words) and d4's "Cats and dogs..." (1): d1 first       nDCG 1, RR 1
        // q2: d2 "Dogs bark loudly" (2) before d4 (1); gains d2 = 1, d4 = 3:
        //     DCG = 1 + 3/log2(3), IDCG = 3 + 1/log2(3)                                 RR 1
        // q3: d3 and d6 tie at 1 word; "d6" > "d3" so the relevant d3 is second:        nDCG 1/log2(3), RR 1/2
        // q4: nothing shares a word with "elephants trumpet": an empty run              0, 0
        double q2Ndcg = (1 + 3 / LOG2_3) / (3 + 1 / LOG2_3);
        assertThat(q2Ndcg).isCloseTo(0.79670758, within(1e-8));
        assertThat(overlap.mode()).isEqualTo("overlap");
        assertThat(overlap.ndcgAt10()).isCloseTo((1 + q2Ndcg + 1 / LOG2_3 + 0) / 4, EXACT);
        assertThat(overlap.recallAt100()).isCloseTo((1 + 1 + 1 + 0) / 4.0, EXACT);
        assertThat(overlap.mrrAt10()).isCloseTo((1 + 1 + 0.5 + 0) / 4, EXACT);
    }

    @Test
    void shouldRankAllTiedDocumentsByDescendingIdInEveryMode() throws IOException {
        EvaluationReport report = new Evaluator(100, tickingClock)
                .indexAndEvaluate(collection, corpus -> modes(new SentenceOverlapRetriever(corpus)));

        ModeResult allTied = report.modes().get(1);
        // every document scores 0, so the run is d6 d5 d4 d3 d2 d1 for every query
        // q1: d1 at rank 6; q2: d4 (gain 3) at 3 and d2 (gain 1) at 5; q3: d3 at 4; q4: d5 at 2
        double q2Ndcg = (3 / log2(4) + 1 / log2(6)) / (3 + 1 / LOG2_3);
        assertThat(allTied.mode()).isEqualTo("all-tied");
        assertThat(allTied.ndcgAt10()).isCloseTo((1 / log2(7) + q2Ndcg + 1 / log2(5) + 1 / LOG2_3) / 4, EXACT);
        assertThat(allTied.recallAt100()).isCloseTo(1.0, EXACT);
        assertThat(allTied.mrrAt10()).isCloseTo((1.0 / 6 + 1.0 / 3 + 1.0 / 4 + 1.0 / 2) / 4, EXACT);
    }

    @Test
    void shouldSendOnlyJudgedQueryTextsInFileOrderWithTheDepth() throws IOException {
        List<String> received = new ArrayList<>();
        Retriever recording = (text, depth) -> {
            received.add(text + " @" + depth);
            return List.of();
        };

        new Evaluator(150, tickingClock).evaluate(collection, Duration.ZERO, Map.of("recording", recording));

        assertThat(received).containsExactly(
                "do cats purr @150", "dogs bark @150", "morning @150", "elephants trumpet @150");
    }

    @Test
    void shouldTimeIndexingAndEveryQuery() throws IOException {
        EvaluationReport report = new Evaluator(100, tickingClock).indexAndEvaluate(collection, corpus -> {
            nanos.addAndGet(5_000 * MILLI);
            return modes(new SentenceOverlapRetriever(corpus));
        });

        // the clock is read once before and once after, each reading adding 1 ms
        assertThat(report.indexingMillis()).isEqualTo(5_001);
        assertThat(report.modes()).allSatisfy(mode ->
                assertThat(mode.latency()).isEqualTo(new LatencySummary(4, 1, 1, 1, 1)));
    }

    @Test
    void shouldDescribeTheRunAndKeepTheModeOrderGiven() throws IOException {
        EvaluationReport report = new Evaluator(100, tickingClock)
                .evaluate(collection, Duration.ofSeconds(42), modes(new SentenceOverlapRetriever(collection.corpus())));

        assertThat(report.collection()).isEqualTo(dir.getFileName().toString());
        assertThat(report.split()).isEqualTo("test");
        assertThat(report.documents()).isEqualTo(6);
        assertThat(report.judgedQueries()).isEqualTo(4);
        assertThat(report.depth()).isEqualTo(100);
        assertThat(report.indexingMillis()).isEqualTo(42_000);
        assertThat(report.modes()).extracting(ModeResult::mode).containsExactly("overlap", "all-tied");
    }

    @Test
    void shouldRefuseADepthBelowTheRecallCutoff() {
        assertThatThrownBy(() -> new Evaluator(99, tickingClock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 100");
    }

    private static Map<String, Retriever> modes(SentenceOverlapRetriever overlap) {
        Map<String, Retriever> modes = new LinkedHashMap<>();
        modes.put("overlap", overlap);
        modes.put("all-tied", overlap::allTied);
        return modes;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /**
     * Indexes each sentence as a chunk; a chunk scores the number of distinct query words it
     * contains, and only chunks scoring above zero are returned (several per document possible).
     */
    private static final class SentenceOverlapRetriever implements Retriever {

        private record Chunk(String docId, Set<String> words) {
        }

        private final List<Chunk> chunks = new ArrayList<>();
        private final List<String> docIds = new ArrayList<>();

        SentenceOverlapRetriever(List<Document> corpus) {
            for (Document document : corpus) {
                docIds.add(document.id());
                for (String sentence : document.fullText().split("\\.")) {
                    if (!sentence.isBlank()) {
                        chunks.add(new Chunk(document.id(), words(sentence)));
                    }
                }
            }
        }

        @Override
        public List<ScoredDoc> search(String queryText, int depth) {
            Set<String> queryWords = words(queryText);
            List<ScoredDoc> hits = new ArrayList<>();
            for (Chunk chunk : chunks) {
                long shared = chunk.words().stream().filter(queryWords::contains).count();
                if (shared > 0) {
                    hits.add(new ScoredDoc(chunk.docId(), shared));
                }
            }
            return hits;
        }

        List<ScoredDoc> allTied(String queryText, int depth) {
            return docIds.stream().map(id -> new ScoredDoc(id, 0)).toList();
        }

        private static Set<String> words(String text) {
            return Arrays.stream(text.toLowerCase(Locale.ROOT).split("\\W+"))
                    .filter(word -> !word.isEmpty())
                    .collect(Collectors.toSet());
        }
    }
}
