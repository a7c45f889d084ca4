package dev.docserve.lifecycle.server;

import dev.docserve.lifecycle.layout.RuntimeState;

/** A healthy instance already owns the state directory; starting another would make two owners. */
public class AlreadyRunningException extends RuntimeException {

    private final RuntimeState running;

    public AlreadyRunningException(RuntimeState running) {
        super("doc-serve already runs for " + running.projectRoot() + " at " + running.baseUrl());
        this.running = running;
    }

    public RuntimeState running() {
        return running;
    }
}
