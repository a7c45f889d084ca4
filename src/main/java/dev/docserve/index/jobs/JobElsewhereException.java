package dev.docserve.index.jobs;

/** A job runs on another replica: only that replica can cancel it (the API answers 409 saying so). */
public final class JobElsewhereException extends RuntimeException {

    public JobElsewhereException(String message) {
        super(message);
    }
}
