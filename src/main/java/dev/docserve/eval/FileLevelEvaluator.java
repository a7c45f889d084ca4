package dev.docserve.eval;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Scores retrievers whose hits are files (chunk hits mapped to their path) on a {@link RepoCollection}.
 *
 * <p>Per mode and judged query: the retriever is called with the query text; its chunk hits are pooled
 * per file by max score ({@link DocumentRanking}: a file ranks by its best chunk, ties by path); then
 * nDCG@10, Recall@5, Recall@10 and RR@10 are scored against the query's graded judgements
 * ({@link RankingMetrics}, gain 2<sup>g</sup> − 1, relevant when g ≥ 1). Means are over all judged
 * queries (a query with no hit scores 0), and again over the queries of each {@code kind} and
 * {@code lexical} value.
 */
public final class FileLevelEvaluator {

    /** Files kept per query: the deepest cutoff scored. */
    public static final int DEPTH = 10;
    /** Files per query written to a run file: deeper than scored, so a ranking change can be studied offline. */
    static final int RUN_DEPTH = 100;

    private final LongSupplier nanoClock;

    public FileLevelEvaluator() {
        this(System::nanoTime);
    }

    public FileLevelEvaluator(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    public FileModeResult evaluate(String mode, Retriever retriever, RepoCollection collection) throws IOException {
        return evaluate(mode, retriever, collection, line -> { });
    }

    /**
     * As {@link #evaluate(String, Retriever, RepoCollection)}, and hands each query's ranked files to
     * {@code run} as TREC run lines ({@code query Q0 path rank score tag}, the tag being the mode with
     * blanks as underscores; up to {@link #RUN_DEPTH} files), so that a ranking can be read or fed to trec_eval.
     */
    public FileModeResult evaluate(String mode, Retriever retriever, RepoCollection collection, Consumer<String> run)
            throws IOException {
        String tag = mode.replaceAll("\\s+", "_");
        List<RepoQuery> judged = collection.judgedQueries();
        List<double[]> all = new ArrayList<>();
        Map<String, List<double[]>> byKind = new LinkedHashMap<>();
        Map<String, List<double[]>> byLexical = new LinkedHashMap<>();
        long[] latencies = new long[judged.size()];
        for (int i = 0; i < judged.size(); i++) {
            RepoQuery query = judged.get(i);
            long start = nanoClock.getAsLong();
            List<ScoredDoc> hits = retriever.search(query.text(), DEPTH);
            latencies[i] = nanoClock.getAsLong() - start;
            List<ScoredDoc> ranked = DocumentRanking.rank(hits, RUN_DEPTH);
            for (int rank = 0; rank < ranked.size(); rank++) {
                run.accept(String.format(Locale.ROOT, "%s Q0 %s %d %.6f %s", query.id(), ranked.get(rank).docId(), rank + 1,
                        ranked.get(rank).score(), tag));
            }
            double[] row = score(ranked.stream().limit(DEPTH).map(ScoredDoc::docId).toList(),
                    collection.qrels().gradesFor(query.id()));
            all.add(row);
            query.kind().ifPresent(kind -> byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(row));
            query.lexical().ifPresent(lexical ->
                    byLexical.computeIfAbsent(lexical.toString(), k -> new ArrayList<>()).add(row));
        }
        Map<String, FileScores> kinds = new LinkedHashMap<>();
        byKind.forEach((kind, rows) -> kinds.put(kind, FileScores.mean(rows)));
        Map<String, FileScores> lexicals = new LinkedHashMap<>();
        byLexical.forEach((lexical, rows) -> lexicals.put(lexical, FileScores.mean(rows)));
        return new FileModeResult(mode, FileScores.mean(all), kinds, lexicals, LatencySummary.ofNanos(latencies));
    }

    static double[] score(List<String> ranked, Map<String, Integer> grades) {
        return new double[] {
                RankingMetrics.ndcgAt(10, ranked, grades),
                RankingMetrics.recallAt(5, ranked, grades),
                RankingMetrics.recallAt(10, ranked, grades),
                RankingMetrics.reciprocalRankAt(10, ranked, grades)};
    }
}
