package dev.docserve.search.fusion;

/**
 * A hit of one retriever.
 *
 * @param doc   Lucene doc id, identifying the chunk within one searcher
 * @param score the retriever's raw score (cosine similarity, or BM25)
 */
public record Candidate(int doc, double score) {
}
