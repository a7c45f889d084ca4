package dev.docserve.eval;

import java.util.Objects;

/**
 * One retrieval hit: the id of the document it belongs to and its score (higher is better).
 * A chunking retriever returns one hit per chunk, so a document id may appear several times;
 * see {@link DocumentRanking} for how such hits are pooled.
 */
public record ScoredDoc(String docId, double score) {

    public ScoredDoc {
        Objects.requireNonNull(docId, "docId");
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of " + docId + " is NaN");
        }
    }
}
