package dev.docserve.config;

/**
 * The shared home's {@code shared_config.json}: the daemon's address, the indexing settings
 * that every project inherits unless it overrides them, and where chunks are stored
 * ({@code storage}: {@code lucene} or {@code opensearch} with its connection). Every key optional.
 */
public record SharedConfig(
        String bindHost,
        Integer port,
        String embeddingModel,
        Integer chunkSize,
        Integer chunkOverlap,
        Integer maxConcurrentIndexing,
        String storage,
        String opensearchUrl,
        String opensearchUsername,
        String opensearchPassword,
        String opensearchIndexPrefix) {

    public static final int DEFAULT_PORT = 45123;
    public static final String DEFAULT_EMBEDDING_MODEL = "text-embedding-3-large";
    public static final int DEFAULT_CHUNK_SIZE = 512;
    public static final int DEFAULT_CHUNK_OVERLAP = 50;
    public static final int DEFAULT_MAX_CONCURRENT_INDEXING = 2;
    public static final String DEFAULT_STORAGE = "lucene";

    public static SharedConfig defaults() {
        return new SharedConfig(ProjectConfig.DEFAULT_BIND_HOST, DEFAULT_PORT, DEFAULT_EMBEDDING_MODEL,
                DEFAULT_CHUNK_SIZE, DEFAULT_CHUNK_OVERLAP, DEFAULT_MAX_CONCURRENT_INDEXING, DEFAULT_STORAGE, null, null, null, null);
    }
}
