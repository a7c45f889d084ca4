package dev.docserve.lifecycle.layout;

/** A {@code runtime.json} that exists but cannot be trusted: corrupt, truncated, or a newer schema. */
public class UnreadableRuntimeFileException extends RuntimeException {

    public UnreadableRuntimeFileException(String message) {
        super(message);
    }
}
