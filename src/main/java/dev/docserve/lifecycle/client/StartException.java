package dev.docserve.lifecycle.client;

/** A start that did not produce a running instance; the message says why and what to do. */
public class StartException extends RuntimeException {

    /** Why the start failed, so a CLI can choose its exit code. */
    public enum Kind {
        /** A config file or a setting is invalid. */
        CONFIG,
        /** The server process refused to start, died or did not answer in time. */
        FAILED,
        /** The project uses the shared daemon and it does not run (or cannot take the project). */
        DAEMON_UNAVAILABLE
    }

    private final Kind kind;

    public StartException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
