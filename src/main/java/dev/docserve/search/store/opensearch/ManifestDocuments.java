package dev.docserve.search.store.opensearch;

import dev.docserve.search.store.IndexManifest;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The manifest as a document of the project index, refreshed with the batch it describes. */
final class ManifestDocuments {

    private ManifestDocuments() {
    }

    static Map<String, Object> toDocument(IndexManifest manifest) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("schema_version", manifest.schemaVersion());
        doc.put("embedding_model", manifest.embeddingModel());
        doc.put("dimension", manifest.dimension());
        doc.put("chunk_size", manifest.chunkSize());
        doc.put("chunk_overlap", manifest.chunkOverlap());
        doc.put("indexed_folders", manifest.indexedFolders());
        doc.put("last_indexed_at", manifest.lastIndexedAt() == null ? null : manifest.lastIndexedAt().toString());
        doc.put("folder_options", IndexManifest.folderOptionsJson(manifest.folderOptions()));
        return doc;
    }

    @SuppressWarnings("unchecked")
    static IndexManifest fromDocument(Map<String, Object> doc) {
        try {
            Object last = doc.get("last_indexed_at");
            return new IndexManifest(((Number) doc.get("schema_version")).intValue(), (String) doc.get("embedding_model"),
                    ((Number) doc.get("dimension")).intValue(), ((Number) doc.get("chunk_size")).intValue(),
                    ((Number) doc.get("chunk_overlap")).intValue(), (List<String>) doc.get("indexed_folders"),
                    last == null ? null : Instant.parse((String) last),
                    IndexManifest.parseFolderOptions((String) doc.get("folder_options")));
        } catch (RuntimeException e) {
            throw new IllegalStateException("corrupt index manifest " + doc + ": " + e.getMessage(), e);
        }
    }
}
