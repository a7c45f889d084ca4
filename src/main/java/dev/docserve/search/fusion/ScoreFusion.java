package dev.docserve.search.fusion;

import dev.docserve.search.store.ScoredChunk;
import java.util.List;

/** Combines a vector and a BM25 candidate list into one ranking. */
@FunctionalInterface
public interface ScoreFusion {

    /**
     * @param vector candidates by vector similarity, best first
     * @param bm25   candidates by BM25, best first
     * @param alpha  weight of the vector side in [0, 1]; 1 ranks by vectors only, 0 by BM25 only
     * @return every candidate of either list once, best first, with a fused score in [0, 1]; ties are
     *         broken by path, then position in the file, then chunk id, so the order is deterministic on
     *         every backend and after any re-indexing
     */
    List<FusedCandidate> fuse(List<ScoredChunk> vector, List<ScoredChunk> bm25, double alpha);
}
