package dev.docserve.search;

import dev.docserve.search.store.opensearch.OpenSearchBudgets;
import dev.docserve.search.store.ChunkStore;
import dev.docserve.search.store.LuceneChunkStore;
import dev.docserve.search.store.opensearch.OpenSearchChunkStore;
import dev.docserve.search.store.opensearch.OpenSearchConnection;
import dev.docserve.search.store.opensearch.OpenSearchSettings;
import java.io.Closeable;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Opens each project's {@link ChunkStore} on the configured backend ({@code storage: lucene|opensearch}).
 * Lucene: an index folder in the project's data dir. OpenSearch: the index {@code <prefix>-<project_id>}
 * over one connection shared by every project of the process, so replicas that share the cluster and
 * the project ids see the same data.
 */
public final class ChunkStores implements Closeable {

    /** The Lucene index folder inside a project's data dir. */
    public static final String INDEX_FOLDER = "index";

    private final OpenSearchConnection opensearch;

    private ChunkStores(OpenSearchConnection opensearch) {
        this.opensearch = opensearch;
    }

    public static ChunkStores lucene() {
        return new ChunkStores(null);
    }

    public static ChunkStores opensearch(OpenSearchSettings settings) {
        return new ChunkStores(new OpenSearchConnection(settings));
    }

    /**
     * The backend the settings name.
     *
     * @throws IllegalArgumentException for an unknown backend or an OpenSearch backend without a usable URL,
     *                                  with the setting to fix
     */
    public static ChunkStores of(String storage, Optional<String> url, Optional<String> username, Optional<String> password,
                                 String indexPrefix) {
        return of(storage, url, username, password, indexPrefix, OpenSearchChunkStore.LEASE_TTL);
    }

    /** The same, with the TTL of write leases and job records ({@code doc-serve.opensearch.lease-ttl}). */
    public static ChunkStores of(String storage, Optional<String> url, Optional<String> username, Optional<String> password,
                                 String indexPrefix, Duration leaseTtl) {
        return of(storage, url, username, password, indexPrefix, leaseTtl, OpenSearchBudgets.DEFAULT);
    }

    /** The same, with the time budgets of the cluster's requests ({@code doc-serve.opensearch.*-timeout}). */
    public static ChunkStores of(String storage, Optional<String> url, Optional<String> username, Optional<String> password,
                                 String indexPrefix, Duration leaseTtl, OpenSearchBudgets budgets) {
        if (StorageKind.parse(storage) == StorageKind.LUCENE) {
            return lucene();
        }
        String address = url.filter(u -> !u.isBlank()).orElseThrow(() -> new IllegalArgumentException(
                "storage is opensearch but no cluster is configured; set DOC_SERVE_OPENSEARCH_URL (or \"opensearch_url\" "
                        + "in shared_config.json), e.g. http://127.0.0.1:9200"));
        URI uri;
        try {
            uri = URI.create(address.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("doc-serve.opensearch.url must be an http or https URL with a host, e.g. "
                    + "http://127.0.0.1:9200; got " + address, e);
        }
        return opensearch(new OpenSearchSettings(uri, username.filter(u -> !u.isBlank()), password, indexPrefix, leaseTtl, budgets));
    }

    public StorageKind kind() {
        return opensearch == null ? StorageKind.LUCENE : StorageKind.OPENSEARCH;
    }

    /** Opens the store of one project; cheap for OpenSearch (no request until the first read or write). */
    public ChunkStore open(String projectId, Path dataDir) throws IOException {
        if (opensearch == null) {
            return LuceneChunkStore.open(dataDir.resolve(INDEX_FOLDER));
        }
        return new OpenSearchChunkStore(opensearch, opensearch.settings().indexOf(projectId), opensearch.settings().leaseTtl(),
                Clock.systemUTC());
    }

    /**
     * Why the backend cannot serve now, or empty when it can (Lucene's folders are checked elsewhere). For
     * OpenSearch this is the last background check's answer: a probe never waits for a frozen cluster.
     */
    public Optional<String> problem() {
        return opensearch == null ? Optional.empty() : opensearch.lastKnownProblem();
    }

    /** Where chunks go, for the start line and {@code /health/status}; never includes credentials. */
    public String describe() {
        return opensearch == null ? StorageKind.LUCENE.wireName() : StorageKind.OPENSEARCH.wireName() + " " + opensearch.settings().describe();
    }

    public Optional<OpenSearchConnection> openSearch() {
        return Optional.ofNullable(opensearch);
    }

    @Override
    public void close() throws IOException {
        if (opensearch != null) {
            opensearch.close();
        }
    }
}
