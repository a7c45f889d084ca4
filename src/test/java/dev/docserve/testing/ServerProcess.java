package dev.docserve.testing;

import dev.docserve.lifecycle.layout.RuntimeState;

import java.time.Duration;

/** A doc-serve server running as a real process, and the runtime state it published. */
public abstract class ServerProcess implements AutoCloseable {

    private final DocServeProcess process;
    private final RuntimeState state;

    protected ServerProcess(DocServeProcess process, RuntimeState state) {
        this.process = process;
        this.state = state;
    }

    public DocServeProcess process() {
        return process;
    }

    public RuntimeState state() {
        return state;
    }

    public String baseUrl() {
        return state.baseUrl();
    }

    public Http http() {
        return new Http(state.baseUrl());
    }

    /** SIGTERM and wait: a graceful stop must exit 0. */
    public int stop() {
        process.terminate();
        return process.waitForExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        process.close();
    }
}
