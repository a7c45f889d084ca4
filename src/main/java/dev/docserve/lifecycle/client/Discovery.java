package dev.docserve.lifecycle.client;

import dev.docserve.lifecycle.layout.RuntimeState;

import java.util.Map;
import java.util.Optional;

/**
 * What a look at a state directory found.
 *
 * @param status what kind of answer this is
 * @param state the runtime file's content, where there was a readable one
 * @param reason for anything but {@link Status#RUNNING}, a sentence a user can act on
 * @param health for {@link Status#RUNNING}, the {@code /health} answer that proved it, so a caller
 *        that shows it need not ask again
 */
public record Discovery(Status status, Optional<RuntimeState> state, String reason, Optional<Map<String, Object>> health) {

    public Discovery(Status status, Optional<RuntimeState> state, String reason) {
        this(status, state, reason, Optional.empty());
    }

    public enum Status {
        /** The recorded process is alive and {@code /health} answers with the recorded instance id. */
        RUNNING,
        /** No runtime file. */
        NOT_RUNNING,
        /** A runtime file whose process is gone or is someone else. */
        STALE,
        /** A shared-mode pointer: the project is served by the shared daemon named in it. */
        POINTER,
        /** A runtime file that is corrupt or of an unknown schema. */
        UNREADABLE
    }

    public boolean isRunning() {
        return status == Status.RUNNING;
    }

    public String baseUrl() {
        return state.map(RuntimeState::baseUrl).orElse(null);
    }

    static Discovery running(RuntimeState state, Map<String, Object> health) {
        return new Discovery(Status.RUNNING, Optional.of(state), "running", Optional.of(health));
    }

    static Discovery of(Status status, RuntimeState state, String reason) {
        return new Discovery(status, Optional.ofNullable(state), reason);
    }
}
