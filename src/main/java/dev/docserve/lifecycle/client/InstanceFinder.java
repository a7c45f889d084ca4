package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.RuntimeFile;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;
import dev.docserve.lifecycle.layout.UnreadableRuntimeFileException;

import java.util.Map;
import java.util.Optional;

/**
 * Finds the live instance of a state directory the way every client must: read
 * {@code runtime.json}, check that the recorded process is alive, and that {@code /health} answers
 * with the recorded {@code instance_id}.
 */
public final class InstanceFinder {

    private final HealthProbe probe;

    public InstanceFinder(HealthProbe probe) {
        this.probe = probe;
    }

    public Discovery find(StateDir stateDir) {
        RuntimeState state;
        try {
            state = RuntimeFile.read(stateDir.runtimeFile()).orElse(null);
        } catch (UnreadableRuntimeFileException e) {
            return Discovery.of(Discovery.Status.UNREADABLE, null, e.getMessage());
        }
        if (state == null) {
            return Discovery.of(Discovery.Status.NOT_RUNNING, null, "no doc-serve instance runs for " + stateDir.owner());
        }
        if (state.isPointer()) {
            return Discovery.of(Discovery.Status.POINTER, state, "served by the shared daemon at " + state.baseUrl());
        }
        return check(state);
    }

    /** Checks a process-form runtime state: alive, and answering as itself. */
    public Discovery check(RuntimeState state) {
        if (state.pid() == null || ProcessHandle.of(state.pid()).map(ProcessHandle::isAlive).orElse(false) == Boolean.FALSE) {
            return Discovery.of(Discovery.Status.STALE, state, "the recorded process " + state.pid() + " is gone");
        }
        Optional<Map<String, Object>> health = state.instanceId() == null ? Optional.empty() : probe.fetch(state.baseUrl());
        if (health.isEmpty() || !state.instanceId().equals(health.get().get("instance_id"))) {
            return Discovery.of(Discovery.Status.STALE, state, "process " + state.pid() + " does not answer "
                    + state.baseUrl() + "/health as instance " + state.instanceId());
        }
        return Discovery.running(state, health.get());
    }
}
