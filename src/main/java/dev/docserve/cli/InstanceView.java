package dev.docserve.cli;

import dev.docserve.lifecycle.layout.InstanceMode;
import dev.docserve.lifecycle.layout.ProjectId;
import dev.docserve.lifecycle.layout.RuntimeState;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How commands show one instance: the JSON fields scripts read, and human durations. */
final class InstanceView {

    private InstanceView() {
    }

    /** The runtime state as a JSON-ready map (snake_case keys), plus uptime; absent fields left out. */
    static Map<String, Object> of(RuntimeState state) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("mode", state.mode());
        doc.put("project_root", state.projectRoot());
        String projectId = state.projectId() != null ? state.projectId()
                : InstanceMode.PROJECT.wireName().equals(state.mode()) ? ProjectId.of(Path.of(state.projectRoot())) : null;
        putIfPresent(doc, "project_id", projectId);
        doc.put("base_url", state.baseUrl());
        putIfPresent(doc, "instance_id", state.instanceId());
        putIfPresent(doc, "pid", state.pid());
        if (state.startedAt() != null) {
            doc.put("started_at", state.startedAt().toString());
            doc.put("uptime_seconds", Math.max(0, Duration.between(state.startedAt(), Instant.now()).toSeconds()));
        }
        return doc;
    }

    private static void putIfPresent(Map<String, Object> doc, String key, Object value) {
        if (value != null) {
            doc.put(key, value);
        }
    }

    /** {@code 45s}, {@code 3m 05s}, {@code 2h 07m}, {@code 3d 04h}. */
    static String uptime(Instant startedAt, Instant now) {
        if (startedAt == null) {
            return "-";
        }
        long s = Math.max(0, Duration.between(startedAt, now).toSeconds());
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return s / 60 + "m " + twoDigits(s % 60) + "s";
        }
        if (s < 86400) {
            return s / 3600 + "h " + twoDigits((s % 3600) / 60) + "m";
        }
        return s / 86400 + "d " + twoDigits((s % 86400) / 3600) + "h";
    }

    /** Not {@code String.format("%02d")}: its locale lookup loads the CLDR data, ~10 ms of {@code status}. */
    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
    }
}
