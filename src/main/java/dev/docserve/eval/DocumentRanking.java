package dev.docserve.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a retriever's hits into the ranked document list that the metrics score.
 *
 * <p><b>Pooling (chunks to documents).</b> The engine indexes documents as chunks, and qrels judge
 * documents. A document's score is the maximum of its chunks' scores (MaxP, "best chunk per
 * document"): {@code score(d) = max { score(c) : c is a hit of d }}. The pooled documents are
 * ranked and the first {@code depth} kept.
 *
 * <p><b>Order and ties.</b> Documents are ranked by score descending; equal scores are ordered by
 * document id <em>descending</em> ({@link String#compareTo}, byte order for ASCII ids). This is
 * the order trec_eval (and pytrec_eval, which embeds it) imposes on a run before scoring it: it
 * ignores the run's own ranks, sorts by score and breaks ties with {@code strcmp(docno2, docno1)}
 * ({@code form_res_rels.c}). The retriever's order is therefore irrelevant; only scores count.
 */
public final class DocumentRanking {

    /** Score descending, then document id descending, as trec_eval. */
    public static final Comparator<ScoredDoc> TREC_EVAL_ORDER =
            Comparator.comparingDouble(ScoredDoc::score).reversed()
                    .thenComparing(ScoredDoc::docId, Comparator.reverseOrder());

    private DocumentRanking() {
    }

    /** Pools hits per document by max score, orders them by {@link #TREC_EVAL_ORDER} and keeps {@code depth}. */
    public static List<ScoredDoc> rank(List<ScoredDoc> hits, int depth) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1, was " + depth);
        }
        Map<String, Double> bestByDoc = new HashMap<>();
        for (ScoredDoc hit : hits) {
            bestByDoc.merge(hit.docId(), hit.score(), Math::max);
        }
        List<ScoredDoc> ranked = new ArrayList<>(bestByDoc.size());
        bestByDoc.forEach((docId, score) -> ranked.add(new ScoredDoc(docId, score)));
        ranked.sort(TREC_EVAL_ORDER);
        return List.copyOf(ranked.subList(0, Math.min(depth, ranked.size())));
    }

    /** The ids of {@link #rank(List, int)}, best first. */
    public static List<String> rankedIds(List<ScoredDoc> hits, int depth) {
        return rank(hits, depth).stream().map(ScoredDoc::docId).toList();
    }
}
