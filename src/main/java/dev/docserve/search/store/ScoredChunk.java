package dev.docserve.search.store;

import java.util.Comparator;

/**
 * One hit of a retriever: which chunk, where it sits, and how well it matched. Its stored fields are
 * read only for the hits that make it into a response, through {@link SearchView#chunks}.
 *
 * @param chunkId the chunk's stable id, the key under which fusion combines both retrievers
 * @param score   the retriever's raw score: cosine similarity for {@link SearchView#nearest}, BM25 for
 *                {@link SearchView#keywordMatches}
 * @param path    the chunk's file, relative to the project root: the first tie-breaker
 * @param ordinal the chunk's position in its file: the second tie-breaker
 */
public record ScoredChunk(String chunkId, double score, String path, int ordinal) {

    /**
     * Best first; equal scores by path, then position in the file, then chunk id. Two copies of one file
     * score exactly alike, and a retriever breaks such ties by its internal document order, which
     * depends on how the index was written (commit points, merges); this order depends on the content only.
     */
    public static final Comparator<ScoredChunk> RANKING = Comparator.comparingDouble(ScoredChunk::score).reversed()
            .thenComparing(ScoredChunk::path).thenComparingInt(ScoredChunk::ordinal).thenComparing(ScoredChunk::chunkId);

    public ScoredChunk {
        path = path == null ? "" : path;
    }
}
