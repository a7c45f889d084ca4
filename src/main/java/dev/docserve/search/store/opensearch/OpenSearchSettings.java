package dev.docserve.search.store.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach the cluster and name the indexes.
 *
 * @param url         the cluster's HTTP(S) address, e.g. {@code http://127.0.0.1:9200}
 * @param username    basic-auth user, or empty
 * @param password    basic-auth password, or empty; never logged
 * @param indexPrefix index names are {@code <prefix>-<project_id>} (lower case, as OpenSearch requires)
 * @param leaseTtl    how long a write lease or an unfinished job record outlives its last renewal
 * @param budgets     how long each kind of request may take
 */
public record OpenSearchSettings(URI url, Optional<String> username, Optional<String> password, String indexPrefix,
                                 Duration leaseTtl, OpenSearchBudgets budgets) {

    /** Settings with the default lease TTL and budgets. */
    public OpenSearchSettings(URI url, Optional<String> username, Optional<String> password, String indexPrefix) {
        this(url, username, password, indexPrefix, OpenSearchChunkStore.LEASE_TTL);
    }

    /** Settings with the default budgets. */
    public OpenSearchSettings(URI url, Optional<String> username, Optional<String> password, String indexPrefix,
                              Duration leaseTtl) {
        this(url, username, password, indexPrefix, leaseTtl, OpenSearchBudgets.DEFAULT);
    }

    public OpenSearchSettings {
        if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https"))
                || url.getHost() == null) {
            throw new IllegalArgumentException("doc-serve.opensearch.url must be an http or https URL with a host, e.g. "
                    + "http://127.0.0.1:9200; got " + url);
        }
        indexPrefix = indexPrefix.toLowerCase(Locale.ROOT);
        if (!indexPrefix.matches("[a-z0-9][a-z0-9_.-]*")) {
            throw new IllegalArgumentException("doc-serve.opensearch.index-prefix must start with a letter or digit and hold "
                    + "only a-z, 0-9, '-', '_' and '.'; got " + indexPrefix);
        }
        if (leaseTtl.isNegative() || leaseTtl.isZero()) {
            throw new IllegalArgumentException("doc-serve.opensearch.lease-ttl must be positive, e.g. 2m; got " + leaseTtl);
        }
    }

    /** The index holding one project's chunks, file records and manifest. */
    public String indexOf(String projectId) {
        return indexPrefix + "-" + projectId.toLowerCase(Locale.ROOT);
    }

    /** The index of the write leases that keep two replicas from indexing the same project at once. */
    public String leaseIndex() {
        return indexPrefix + "--leases";
    }

    /** The index of the shared daemons' project registrations, one document per project id. */
    public String projectsIndex() {
        return indexPrefix + "--projects";
    }

    /** The index of index-job records, one document per job, so every replica can follow every job. */
    public String jobsIndex() {
        return indexPrefix + "--jobs";
    }

    /** The address without credentials, for logs and errors. */
    public String describe() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }
}
