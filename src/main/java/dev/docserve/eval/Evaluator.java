package dev.docserve.eval;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Runs every judged query of a collection through each retrieval mode and scores the rankings.
 *
 * <p>Protocol, per mode and judged query q (queries with at least one qrels entry, in file order):
 * <ol>
 *   <li>call {@link Retriever#search(String, int)} with q's text only and {@code depth}, timing the
 *       call with the wall clock (everything the retriever does, e.g. embedding the query, counts);</li>
 *   <li>pool the returned chunk hits per document by max score and keep the top {@code depth}
 *       documents ({@link DocumentRanking});</li>
 *   <li>score nDCG@10, Recall@100 and RR@10 against q's qrels ({@link RankingMetrics}).</li>
 * </ol>
 * Each metric is the arithmetic mean over all judged queries, including those for which the
 * retriever found nothing (they score 0): this is trec_eval run with {@code -c}, and equals the
 * usual BEIR/pytrec_eval mean whenever the run answers every query. Queries run one at a time, in
 * one thread, modes one after another; the first queries of a mode include any warm-up cost.
 */
public final class Evaluator {

    public static final int NDCG_CUTOFF = 10;
    public static final int RECALL_CUTOFF = 100;
    public static final int MRR_CUTOFF = 10;
    public static final int DEFAULT_DEPTH = 100;

    private final int depth;
    private final LongSupplier nanoClock;

    /** Depth {@value #DEFAULT_DEPTH}, system clock. */
    public Evaluator() {
        this(DEFAULT_DEPTH, System::nanoTime);
    }

    /**
     * @param depth     documents kept per query; at least {@value #RECALL_CUTOFF} so Recall@100 is what it says
     * @param nanoClock monotonic nanosecond clock used for indexing and query timing
     */
    public Evaluator(int depth, LongSupplier nanoClock) {
        if (depth < RECALL_CUTOFF) {
            throw new IllegalArgumentException("depth must be at least " + RECALL_CUTOFF + ", was " + depth);
        }
        this.depth = depth;
        this.nanoClock = nanoClock;
    }

    /** Times {@code indexer} over the corpus, then evaluates the retrievers it returns. */
    public EvaluationReport indexAndEvaluate(BeirCollection collection, CorpusIndexer indexer) throws IOException {
        long start = nanoClock.getAsLong();
        Map<String, Retriever> retrieversByMode = indexer.index(collection.corpus());
        Duration indexing = Duration.ofNanos(nanoClock.getAsLong() - start);
        return evaluate(collection, indexing, retrieversByMode);
    }

    /**
     * Evaluates retrievers over a corpus the caller has indexed already.
     *
     * @param indexingTime     reported as is
     * @param retrieversByMode iteration order is the report's order
     */
    public EvaluationReport evaluate(BeirCollection collection, Duration indexingTime,
                                     Map<String, Retriever> retrieversByMode) throws IOException {
        List<Query> judged = collection.judgedQueries();
        List<ModeResult> results = new ArrayList<>();
        for (Map.Entry<String, Retriever> mode : retrieversByMode.entrySet()) {
            results.add(evaluateMode(mode.getKey(), mode.getValue(), judged, collection.qrels()));
        }
        return new EvaluationReport(collection.name(), collection.split(), collection.corpus().size(),
                judged.size(), depth, indexingTime.toMillis(), results);
    }

    private ModeResult evaluateMode(String mode, Retriever retriever, List<Query> judged, Qrels qrels)
            throws IOException {
        double ndcg = 0;
        double recall = 0;
        double reciprocalRank = 0;
        long[] latencies = new long[judged.size()];
        for (int i = 0; i < judged.size(); i++) {
            Query query = judged.get(i);
            long start = nanoClock.getAsLong();
            List<ScoredDoc> hits = retriever.search(query.text(), depth);
            latencies[i] = nanoClock.getAsLong() - start;
            List<String> ranked = DocumentRanking.rankedIds(hits, depth);
            Map<String, Integer> grades = qrels.gradesFor(query.id());
            ndcg += RankingMetrics.ndcgAt(NDCG_CUTOFF, ranked, grades);
            recall += RankingMetrics.recallAt(RECALL_CUTOFF, ranked, grades);
            reciprocalRank += RankingMetrics.reciprocalRankAt(MRR_CUTOFF, ranked, grades);
        }
        int n = Math.max(judged.size(), 1);
        return new ModeResult(mode, ndcg / n, recall / n, reciprocalRank / n, LatencySummary.ofNanos(latencies));
    }
}
