package dev.docserve.index.jobs;

/**
 * A job could not be accepted because its record cannot be written (a full or read-only data dir):
 * accepting work whose status would live only in memory would lose it at the next restart.
 */
public final class JobNotRecordedException extends RuntimeException {

    public JobNotRecordedException(String message, Throwable cause) {
        super(message, cause);
    }
}
