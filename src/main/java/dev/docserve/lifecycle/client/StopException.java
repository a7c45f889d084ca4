package dev.docserve.lifecycle.client;

/** A stop that could not be carried out (the server did not exit, or its leftovers cannot be removed); the message says what to do. */
public class StopException extends RuntimeException {

    public StopException(String message) {
        super(message);
    }
}
