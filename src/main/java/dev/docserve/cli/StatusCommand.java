package dev.docserve.cli;

import dev.docserve.lifecycle.client.InstanceClient;
import dev.docserve.lifecycle.client.Instances;
import dev.docserve.lifecycle.client.Discovery;
import dev.docserve.lifecycle.layout.RuntimeState;
import dev.docserve.lifecycle.layout.StateDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code doc-serve status}: whether the project's instance answers, and what it holds. Exit 0 when
 * an instance answers, 3 when none runs, 1 when the state cannot be read.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Show the server's URL, mode, pid, uptime and index; exit 3 when none runs.")
public class StatusCommand implements Callable<Integer> {

    @Mixin
    ProjectOptions project;

    @Mixin
    ModeOption mode;

    @Override
    public Integer call() {
        StateDir stateDir = project.stateDir(mode.shared());
        Instances instances = new Instances();
        Discovery found = instances.lookup(stateDir);
        if (found.status() == Discovery.Status.UNREADABLE) {
            throw new CliException(ExitCodes.ERROR, found.reason() + "; if no server runs, 'doc-serve stop' removes it");
        }
        Output out = project.out();
        if (!Instances.reachable(found)) {
            return notRunning(out, stateDir, found);
        }
        RuntimeState state = found.state().orElseThrow();
        // The lookup already asked /health of a project server; a shared daemon's pointer is asked here.
        Optional<Map<String, Object>> health = found.health().isPresent() ? found.health()
                : fetch(instances.client(), state, "/health");
        Optional<Map<String, Object>> index = fetch(instances.client(), state, "/health/status");
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("running", true);
            doc.putAll(InstanceView.of(state));
            doc.put("state_dir", stateDir.dir().toString());
            doc.put("health", health.orElse(null));
            doc.put("index", index.orElse(null));
            out.printJson(doc);
            return ExitCodes.OK;
        }
        out.println("doc-serve " + out.style(Output.Style.GREEN, "running")
                + health.map(h -> " (" + text(h, "status", "?") + ")").orElse(""));
        line(out, "project", state.projectRoot());
        line(out, "url", out.style(Output.Style.BOLD, state.baseUrl()));
        line(out, "mode", state.mode());
        if (state.pid() != null) {
            line(out, "pid", state.pid().toString());
        }
        if (state.startedAt() != null) {
            line(out, "uptime", InstanceView.uptime(state.startedAt(), Instant.now()));
        }
        health.map(h -> text(h, "version", null)).ifPresent(v -> line(out, "version", v));
        index.ifPresentOrElse(i -> {
            line(out, "documents", text(i, "total_documents", "?"));
            line(out, "chunks", text(i, "total_chunks", "?"));
            line(out, "indexing", indexing(i));
            if (i.get("freshness") instanceof Map<?, ?> freshness) {
                line(out, "freshness", freshness(freshness));
            }
            String model = text(i, "embedding_model", "");
            if (!model.isEmpty()) {
                line(out, "model", model);
            }
        }, () -> line(out, "index", "not reported by this server version"));
        return ExitCodes.OK;
    }

    /** "watching", "watching, 3 change(s) pending for 1.2 s", "degraded: <reason>" ... */
    static String freshness(Map<?, ?> freshness) {
        StringBuilder line = new StringBuilder(String.valueOf(freshness.get("state")).replace('_', ' '));
        Object pending = freshness.get("pending_changes");
        Object changed = freshness.get("changed_files");
        if (pending instanceof Number p && p.intValue() > 0 || changed instanceof Number c && c.intValue() > 0) {
            line.append(", ").append(changed).append(" file(s) changed and not indexed yet");
            if (freshness.get("oldest_pending_age_ms") instanceof Number age) {
                line.append(" (oldest ").append(String.format(java.util.Locale.ROOT, "%.1f", age.doubleValue() / 1000)).append(" s)");
            }
        }
        if (freshness.get("reason") != null) {
            line.append(": ").append(freshness.get("reason"));
        }
        return line.toString();
    }

    private static String indexing(Map<String, Object> index) {
        if (!Boolean.TRUE.equals(index.get("indexing_in_progress"))) {
            String last = text(index, "last_indexed_at", "");
            return last.isEmpty() ? "idle" : "idle (last indexed " + last + ")";
        }
        String job = text(index, "current_job_id", "");
        return "in progress, " + text(index, "progress_percent", "?") + "%" + (job.isEmpty() ? "" : " (job " + job + ")");
    }

    /** A scalar field as text; {@code fallback} when absent or null. */
    private static String text(Map<String, Object> document, String key, String fallback) {
        Object value = document.get(key);
        return value == null ? fallback : String.valueOf(value);
    }

    private int notRunning(Output out, StateDir stateDir, Discovery found) {
        String what = mode.shared() ? "the shared doc-serve daemon" : "doc-serve for " + stateDir.owner();
        if (out.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("running", false);
            doc.put("project_root", stateDir.owner().toString());
            doc.put("state_dir", stateDir.dir().toString());
            doc.put("reason", found.reason());
            out.printJson(doc);
        } else {
            out.println(what + " is " + out.style(Output.Style.RED, "not running"));
            if (found.status() == Discovery.Status.STALE) {
                out.note("(" + found.reason() + ")");
            }
            out.note("start it with: doc-serve start" + (mode.shared() ? " --mode shared" : ""));
        }
        return ExitCodes.NOT_RUNNING;
    }

    /** An endpoint's body; empty when this server version lacks it or it cannot answer right now. */
    private static Optional<Map<String, Object>> fetch(InstanceClient client, RuntimeState state, String path) {
        String query = state.isPointer() && state.projectId() != null && !"/health".equals(path)
                ? "?project_id=" + state.projectId() : "";
        try {
            return client.getIfPresent(state.baseUrl(), path + query).flatMap(InstanceClient.Response::document);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static void line(Output out, String key, String value) {
        out.println(String.format("  %-10s %s", key, value));
    }
}
