package dev.docserve.search.store;

import java.io.IOException;

/** Another process (a replica) is writing the store; the message names it and when its claim expires. */
public class StoreBusyException extends IOException {

    public StoreBusyException(String message) {
        super(message);
    }
}
