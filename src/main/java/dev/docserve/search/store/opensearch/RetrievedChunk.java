package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.StoredChunk;

/** A hit as OpenSearch returns it: the chunk's stored fields come with its score. */
record RetrievedChunk(StoredChunk chunk, double score) {
}
