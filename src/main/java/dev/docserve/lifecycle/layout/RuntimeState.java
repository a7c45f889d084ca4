package dev.docserve.lifecycle.layout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.nio.file.Path;
import java.time.Instant;

/**
 * The content of {@code runtime.json}: how to reach a running instance. Three forms share it: a
 * project-mode server's own file, the shared daemon's own file (same process fields, mode
 * {@code shared}, {@code project_root} = the shared home), and a shared-mode pointer in a
 * project's state dir ({@code project_id} and {@code base_url} only).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuntimeState(
        int schemaVersion,
        String mode,
        String projectRoot,
        String instanceId,
        String projectId,
        String baseUrl,
        String bindHost,
        Integer port,
        Long pid,
        Instant startedAt) {

    public static final int SCHEMA_VERSION = 1;

    public static RuntimeState process(String mode, Path root, String instanceId, String host, int port, long pid,
            Instant startedAt) {
        return new RuntimeState(SCHEMA_VERSION, mode, root.toString(), instanceId, null,
                BaseUrl.of(host, port), host, port, pid, startedAt);
    }

    public static RuntimeState sharedPointer(Path projectRoot, String projectId, String baseUrl) {
        return new RuntimeState(SCHEMA_VERSION, InstanceMode.SHARED.wireName(), projectRoot.toString(), null, projectId, baseUrl,
                null, null, null, null);
    }

    /** A pointer names a daemon elsewhere; it has no process of its own to check. */
    @JsonIgnore
    public boolean isPointer() {
        return instanceId == null && projectId != null;
    }
}
