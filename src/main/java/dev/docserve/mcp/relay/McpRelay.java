package dev.docserve.mcp.relay;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import dev.docserve.http.SocketHttpClient;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stdio MCP server that relays newline-delimited JSON-RPC from stdin to the project instance's
 * Streamable HTTP endpoint and its answers (plain JSON or server-sent events) back to stdout. Only
 * protocol messages go to stdout; everything else goes to stderr.
 *
 * <p>It survives the instance being stopped or restarted underneath it: a connection failure makes it
 * find (or start) the instance again, and a 404 for its session (a new server does not know it) makes
 * it open a new session by replaying the client's own {@code initialize} and {@code initialized}; then
 * the message is sent again. The client never sees the change. Requests run concurrently (a long
 * {@code index} with wait does not hold up a search); {@code initialize} runs alone, first, and
 * notifications are sent in order on the reading thread.
 */
public final class McpRelay {

    /** The Streamable HTTP session header (MCP 2025-03-26 and later). */
    static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final int ATTEMPTS = 3;
    private static final int MAX_ANSWER_BYTES = 64 * 1024 * 1024;

    private final Upstream upstream;
    private final BufferedReader in;
    private final PrintStream out;
    private final PrintStream log;
    private final ObjectMapper json = new ObjectMapper();
    /**
     * The CLI's socket client, not the JDK's HttpClient: that one set up TLS and its selector threads at
     * every launch (~700 more classes), the largest part of the relay's start. Answers are read whole: an
     * MCP POST answer (JSON, or an event stream the server closes after the response) is small.
     */
    private final SocketHttpClient http = new SocketHttpClient(Duration.ofMinutes(15), MAX_ANSWER_BYTES);
    private final ExecutorService workers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "doc-serve-mcp-relay");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger replayIds = new AtomicInteger();
    private final Object sessionLock = new Object();

    private Upstream.Endpoint endpoint;
    private String sessionId;
    private String protocolVersion;
    private Map<String, Object> initialize;
    private boolean initialized;

    public McpRelay(Upstream upstream, InputStream in, PrintStream out, PrintStream log) {
        this.upstream = upstream;
        this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        this.out = out;
        this.log = log;
    }

    /** Relays until stdin ends; returns the exit code. */
    public int run() throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, Object> message;
            try {
                message = json.readValue(line, Map.class);
            } catch (IOException e) {
                emit(error(null, -32700, "not a JSON-RPC message: " + e.getMessage()));
                continue;
            }
            boolean request = message.get("id") != null && message.get("method") != null;
            if ("initialize".equals(message.get("method"))) {
                synchronized (sessionLock) {
                    initialize = message;
                    initialized = false;
                }
                forward(message); // alone: everything after it needs its session
            } else if (!request) {
                if ("notifications/initialized".equals(message.get("method"))) {
                    synchronized (sessionLock) {
                        initialized = true;
                    }
                }
                // In order, on this thread: the server must see 'initialized' before the requests that follow
                // it, and a cancellation after the request it cancels. Notifications are answered at once (202).
                forward(message);
            } else {
                workers.submit(() -> forward(message));
            }
        }
        workers.shutdown();
        try {
            workers.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeSession();
        return 0;
    }

    private void forward(Map<String, Object> message) {
        Object id = message.get("id");
        boolean isRequest = id != null && message.get("method") != null;
        String failure = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Upstream.Endpoint target;
            String session;
            try {
                synchronized (sessionLock) {
                    if (endpoint == null) {
                        endpoint = upstream.locate();
                        log("relaying to " + endpoint.mcpUrl());
                    }
                    target = endpoint;
                    session = "initialize".equals(message.get("method")) ? null : sessionId;
                }
            } catch (UpstreamUnavailableException e) {
                failure = e.getMessage();
                break;
            }
            try {
                SocketHttpClient.Answer response = post(target, withProjectArgs(message, target), session);
                if (response.status() == 404 && session != null) {
                    log("the instance no longer knows session " + session + "; opening a new one");
                    reconnect(session, false);
                    continue;
                }
                relayAnswer(message, response);
                return;
            } catch (IOException e) {
                failure = "doc-serve at " + target.mcpUrl() + " is unreachable: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
                log(failure + "; looking for the instance again");
                try {
                    reconnect(session, true);
                } catch (UpstreamUnavailableException unavailable) {
                    failure = unavailable.getMessage();
                    break;
                }
            }
        }
        log("gave up on a message: " + failure);
        if (isRequest) {
            emit(error(id, -32603, "doc-serve could not be reached: " + failure));
        }
    }

    /**
     * A new session after the instance went away or forgot ours. Callers that saw the same stale session
     * arrive together; the first reconnects and the others find the session already replaced.
     */
    private void reconnect(String staleSession, boolean findAgain) {
        synchronized (sessionLock) {
            boolean replaced = sessionId != null && !sessionId.equals(staleSession);
            if (replaced) {
                return;
            }
            if (findAgain) {
                endpoint = upstream.locate();
                log("relaying to " + endpoint.mcpUrl());
            }
            sessionId = null;
            if (initialize == null) {
                return;
            }
            try {
                Map<String, Object> replay = new LinkedHashMap<>(initialize);
                replay.put("id", "doc-serve-relay-" + replayIds.incrementAndGet());
                SocketHttpClient.Answer answer = post(endpoint, replay, null);
                answer.header(SESSION_HEADER).ifPresent(value -> sessionId = value);
                if (initialized) {
                    post(endpoint, Map.of("jsonrpc", "2.0", "method", "notifications/initialized"), sessionId);
                }
            } catch (IOException e) {
                log("could not open a new session: " + e.getMessage());
            }
        }
    }

    private void relayAnswer(Map<String, Object> message, SocketHttpClient.Answer response) throws IOException {
        if ("initialize".equals(message.get("method"))) {
            synchronized (sessionLock) {
                response.header(SESSION_HEADER).ifPresent(value -> sessionId = value);
            }
        }
        String type = response.header("Content-Type").orElse("");
        byte[] bytes = response.body();
        if (response.status() == 202 || response.status() == 204 || bytes.length == 0 && response.status() / 100 == 2) {
            return;
        }
        if (type.startsWith("text/event-stream")) {
            relayEvents(new ByteArrayInputStream(bytes));
            return;
        }
        if (response.status() / 100 == 2 || type.startsWith("application/json") && looksLikeJsonRpc(bytes)) {
            Map<String, Object> answer = json.readValue(bytes, Map.class);
            noteProtocol(answer);
            emit(answer);
        } else if (message.get("id") != null && message.get("method") != null) {
            emit(error(message.get("id"), -32603, "doc-serve answered HTTP " + response.status() + ": "
                    + new String(bytes, StandardCharsets.UTF_8)));
        }
    }

    private void relayEvents(InputStream body) throws IOException {
        BufferedReader events = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        StringBuilder data = new StringBuilder();
        String line;
        while ((line = events.readLine()) != null) {
            if (line.isEmpty()) {
                emitEvent(data);
            } else if (line.startsWith("data:")) {
                data.append(line.substring(line.startsWith("data: ") ? 6 : 5));
            }
        }
        emitEvent(data);
    }

    private void emitEvent(StringBuilder data) throws IOException {
        if (data.length() > 0) {
            Map<String, Object> answer = json.readValue(data.toString(), Map.class);
            noteProtocol(answer);
            emit(answer);
            data.setLength(0);
        }
    }

    @SuppressWarnings("unchecked")
    private void noteProtocol(Map<String, Object> answer) {
        if (answer.get("result") instanceof Map<?, ?> result && result.get("protocolVersion") instanceof String version) {
            synchronized (sessionLock) {
                protocolVersion = version;
            }
        }
    }

    private SocketHttpClient.Answer post(Upstream.Endpoint target, Map<String, Object> message, String session)
            throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Accept", "application/json, text/event-stream");
        if (session != null) {
            headers.put(SESSION_HEADER, session);
        }
        String version;
        synchronized (sessionLock) {
            version = protocolVersion;
        }
        if (version != null) {
            headers.put("MCP-Protocol-Version", version);
        }
        if (target.authorization() != null) {
            headers.put("Authorization", target.authorization());
        }
        return http.send("POST", target.mcpUrl(), headers, json.writeValueAsBytes(message));
    }

    /** A tool call that names no project gets the one this relay serves (needed by the shared daemon). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> withProjectArgs(Map<String, Object> message, Upstream.Endpoint target) {
        if (target.projectArgs().isEmpty() || !"tools/call".equals(message.get("method"))
                || !(message.get("params") instanceof Map<?, ?> params)) {
            return message;
        }
        Map<String, Object> arguments = params.get("arguments") instanceof Map<?, ?> given
                ? new LinkedHashMap<>((Map<String, Object>) given) : new LinkedHashMap<>();
        if (arguments.containsKey("project_id") || arguments.containsKey("project_root")) {
            return message;
        }
        arguments.putAll(target.projectArgs());
        Map<String, Object> newParams = new LinkedHashMap<>((Map<String, Object>) params);
        newParams.put("arguments", arguments);
        Map<String, Object> copy = new LinkedHashMap<>(message);
        copy.put("params", newParams);
        return copy;
    }

    private void closeSession() {
        String session;
        Upstream.Endpoint target;
        synchronized (sessionLock) {
            session = sessionId;
            target = endpoint;
        }
        if (session == null || target == null) {
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SESSION_HEADER, session);
        if (target.authorization() != null) {
            headers.put("Authorization", target.authorization());
        }
        try {
            new SocketHttpClient(Duration.ofSeconds(2), 1024 * 1024).send("DELETE", target.mcpUrl(), headers, null);
        } catch (IOException e) {
            // The instance is gone; so is the session.
        }
    }

    private static boolean looksLikeJsonRpc(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).contains("\"jsonrpc\"");
    }

    private static Map<String, Object> error(Object id, int code, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("jsonrpc", "2.0");
        error.put("id", id);
        error.put("error", Map.of("code", code, "message", message));
        return error;
    }

    private void emit(Map<String, Object> message) {
        try {
            String line = json.writeValueAsString(message);
            synchronized (out) {
                out.print(line);
                out.print('\n');
                out.flush();
            }
        } catch (IOException e) {
            log("cannot write a message: " + e.getMessage());
        }
    }

    private void log(String line) {
        log.println("doc-serve mcp: " + line);
        log.flush();
    }
}
