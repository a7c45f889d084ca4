package dev.docserve.search.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What an index was built with, stored in the user data of every Lucene commit so it always describes
 * exactly the data of that commit (a separate manifest file could disagree with the index after a
 * crash between two writes).
 *
 * @param schemaVersion      layout of documents and fields; an index of another version is rebuilt
 * @param embeddingModel     canonical model name
 * @param dimension          vector length
 * @param chunkSize          effective chunk size in tokens
 * @param chunkOverlap       effective overlap in tokens
 * @param indexedFolders     absolute folders indexed so far, in first-indexed order
 * @param lastIndexedAt      end of the last completed indexing run, or null
 * @param folderOptions      the options each folder was last indexed with, by folder, so a watcher or a
 *                           catch-up run re-indexes it the same way; a folder indexed before these were
 *                           recorded has none (and is re-indexed with the defaults)
 */
public record IndexManifest(int schemaVersion, String embeddingModel, int dimension, int chunkSize, int chunkOverlap,
                            List<String> indexedFolders, Instant lastIndexedAt, Map<String, FolderOptions> folderOptions) {

    /**
     * 2: BM25 over identifier-splitting analysis with path and symbol fields, chunks embedded under
     * their context header. 3: the same BM25, chunks embedded under their file name instead of their
     * path (measured better, docs/evaluation.md). An index of an older version is rebuilt by the next index run.
     */
    public static final int SCHEMA_VERSION = 3;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public IndexManifest {
        indexedFolders = indexedFolders == null ? List.of() : List.copyOf(indexedFolders);
        folderOptions = folderOptions == null ? Map.of() : Map.copyOf(folderOptions);
    }

    public IndexManifest(int schemaVersion, String embeddingModel, int dimension, int chunkSize, int chunkOverlap,
                         List<String> indexedFolders, Instant lastIndexedAt) {
        this(schemaVersion, embeddingModel, dimension, chunkSize, chunkOverlap, indexedFolders, lastIndexedAt, Map.of());
    }

    /**
     * How one folder was indexed (the options of {@code POST /index} but {@code force}).
     */
    public record FolderOptions(int chunkSize, int chunkOverlap, boolean recursive, boolean includeCode,
                                List<String> supportedLanguages, List<String> includePatterns,
                                List<String> excludePatterns) {
        public FolderOptions {
            supportedLanguages = supportedLanguages == null ? List.of() : List.copyOf(supportedLanguages);
            includePatterns = includePatterns == null ? List.of() : List.copyOf(includePatterns);
            excludePatterns = excludePatterns == null ? List.of() : List.copyOf(excludePatterns);
        }
    }

    /** The options as stored: JSON text, which both backends keep verbatim. */
    public static String folderOptionsJson(Map<String, FolderOptions> options) {
        try {
            return JSON.writeValueAsString(new java.util.TreeMap<>(options));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("folder options always serialise", e);
        }
    }

    public static Map<String, FolderOptions> parseFolderOptions(String json) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<Map<String, FolderOptions>>() { });
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt folder options " + json + ": " + e.getOriginalMessage(), e);
        }
    }

    Map<String, String> toUserData() {
        Map<String, String> data = new HashMap<>();
        data.put("schema_version", Integer.toString(schemaVersion));
        data.put("embedding_model", embeddingModel);
        data.put("dimension", Integer.toString(dimension));
        data.put("chunk_size", Integer.toString(chunkSize));
        data.put("chunk_overlap", Integer.toString(chunkOverlap));
        try {
            data.put("indexed_folders", JSON.writeValueAsString(indexedFolders));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serialises", e);
        }
        if (lastIndexedAt != null) {
            data.put("last_indexed_at", lastIndexedAt.toString());
        }
        if (!folderOptions.isEmpty()) {
            data.put("folder_options", folderOptionsJson(folderOptions));
        }
        return data;
    }

    /** The manifest of a commit, or empty for a commit written before any manifest (a new index). */
    static Optional<IndexManifest> fromUserData(Map<String, String> data) {
        if (!data.containsKey("embedding_model")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new IndexManifest(
                    Integer.parseInt(data.get("schema_version")),
                    data.get("embedding_model"),
                    Integer.parseInt(data.get("dimension")),
                    Integer.parseInt(data.get("chunk_size")),
                    Integer.parseInt(data.get("chunk_overlap")),
                    JSON.readValue(data.getOrDefault("indexed_folders", "[]"), new TypeReference<List<String>>() { }),
                    data.containsKey("last_indexed_at") ? Instant.parse(data.get("last_indexed_at")) : null,
                    parseFolderOptions(data.get("folder_options"))));
        } catch (RuntimeException | JsonProcessingException e) {
            throw new IllegalStateException("corrupt index manifest " + data + ": " + e.getMessage(), e);
        }
    }

    public IndexManifest withFolder(String folder) {
        if (indexedFolders.contains(folder)) {
            return this;
        }
        List<String> folders = new java.util.ArrayList<>(indexedFolders);
        folders.add(folder);
        return new IndexManifest(schemaVersion, embeddingModel, dimension, chunkSize, chunkOverlap, folders, lastIndexedAt,
                folderOptions);
    }

    /** The manifest with {@code folder} indexed with {@code options} (replacing the options it had). */
    public IndexManifest withFolder(String folder, FolderOptions options) {
        Map<String, FolderOptions> all = new HashMap<>(folderOptions);
        all.put(folder, options);
        IndexManifest listed = withFolder(folder);
        return new IndexManifest(schemaVersion, embeddingModel, dimension, chunkSize, chunkOverlap, listed.indexedFolders,
                lastIndexedAt, all);
    }

    public IndexManifest withLastIndexedAt(Instant at) {
        return new IndexManifest(schemaVersion, embeddingModel, dimension, chunkSize, chunkOverlap, indexedFolders, at,
                folderOptions);
    }
}
