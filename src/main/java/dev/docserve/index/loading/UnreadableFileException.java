package dev.docserve.index.loading;

import java.io.IOException;

/** A selected file turned out not to be indexable: binary, unparseable or gone. */
public final class UnreadableFileException extends IOException {

    private final SkipReason reason;

    public UnreadableFileException(SkipReason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public SkipReason reason() {
        return reason;
    }
}
