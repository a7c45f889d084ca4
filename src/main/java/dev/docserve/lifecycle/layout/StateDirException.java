package dev.docserve.lifecycle.layout;

/** The state directory cannot be used; the message says what to do. */
public class StateDirException extends RuntimeException {

    public StateDirException(String message) {
        super(message);
    }
}
