package dev.docserve.search;

import java.util.Locale;

/** Where chunks are kept ({@code doc-serve.storage}); the wire names are the lower-case names. */
public enum StorageKind {
    /** An embedded Lucene index in each project's data dir: one machine, no service to run. */
    LUCENE,
    /** One OpenSearch index per project in a cluster that replicas of the shared daemon share. */
    OPENSEARCH;

    /** The name users write in settings and see in output. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a setting's value, ignoring case and surrounding blanks.
     *
     * @throws IllegalArgumentException naming the setting to fix
     */
    public static StorageKind parse(String value) {
        String name = value == null ? "" : value.trim().toUpperCase(Locale.ROOT);
        for (StorageKind kind : values()) {
            if (kind.name().equals(name)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("doc-serve.storage must be lucene or opensearch, got '" + value
                + "'; fix DOC_SERVE_STORAGE or \"storage\" in shared_config.json");
    }
}
