package dev.docserve.search.store;

import java.io.IOException;

/**
 * The storage backend cannot be reached or refused a request it should accept (OpenSearch down, bad
 * credentials). The message says which backend and what to check; the API answers 503 with it, and
 * readiness goes DOWN while it lasts. Nothing was lost: the index run that met it fails, its committed
 * files stay, and the next run indexes the rest.
 */
public class StorageUnavailableException extends IOException {

    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
