package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.ChunkFilter;
import dev.docserve.search.store.IndexManifest;
import dev.docserve.search.store.ScoredChunk;
import dev.docserve.search.store.SearchView;
import dev.docserve.search.store.StoredChunk;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One query's view of an {@link OpenSearchChunkStore}. Each request reads the index's latest refresh
 * (no point-in-time: a refresh between the two retrievers is seen by the second); the stored fields of
 * every hit arrive with the hit and are kept for {@link #chunks}.
 */
final class OpenSearchSearchView implements SearchView {

    private final OpenSearchChunkStore store;
    private final Map<String, StoredChunk> hits = new HashMap<>();

    OpenSearchSearchView(OpenSearchChunkStore store) {
        this.store = store;
    }

    @Override
    public Optional<IndexManifest> manifest() throws IOException {
        return store.manifest();
    }

    @Override
    public List<ScoredChunk> nearest(float[] vector, int k, ChunkFilter filter) throws IOException {
        return keep(store.nearest(vector, k, filter));
    }

    @Override
    public List<ScoredChunk> keywordMatches(String query, int k, ChunkFilter filter) throws IOException {
        return keep(store.keywordMatches(query, k, filter));
    }

    @Override
    public Map<String, StoredChunk> chunks(Collection<String> chunkIds) {
        Map<String, StoredChunk> chunks = new LinkedHashMap<>();
        for (String id : chunkIds) {
            StoredChunk chunk = hits.get(id);
            if (chunk != null) {
                chunks.put(id, chunk);
            }
        }
        return chunks;
    }

    @Override
    public Map<String, dev.docserve.search.store.FileRecord> files(Collection<String> paths) throws IOException {
        return store.filesAt(paths);
    }

    private List<ScoredChunk> keep(List<RetrievedChunk> retrieved) {
        return retrieved.stream().map(hit -> {
            hits.put(hit.chunk().chunkId(), hit.chunk());
            return new ScoredChunk(hit.chunk().chunkId(), hit.score(), hit.chunk().path(), hit.chunk().ordinal());
        }).toList();
    }

    @Override
    public void close() {
        hits.clear();
    }
}
