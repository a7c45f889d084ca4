package dev.docserve.index.chunking;

import dev.docserve.corpus.IndexRequest;

/**
 * Chunk size and overlap in tokens, as requested and as actually used.
 *
 * <p>The effective size never exceeds what the embedding model reads: a 512-token chunk given to a
 * model that reads 126 tokens is embedded from its first quarter only, and the rest is invisible to
 * vector search. The overlap is capped at half the effective size so consecutive chunks always advance.
 *
 * @param requestedSize   chunk_size of the request
 * @param effectiveSize   min(requestedSize, model's max input tokens)
 * @param overlap         effective overlap in tokens
 */
public record ChunkBudget(int requestedSize, int effectiveSize, int overlap) {

    public static ChunkBudget of(IndexRequest request, int modelMaxInputTokens) {
        int effective = Math.min(request.chunkSize(), modelMaxInputTokens);
        return new ChunkBudget(request.chunkSize(), effective, Math.min(request.chunkOverlap(), effective / 2));
    }
}
