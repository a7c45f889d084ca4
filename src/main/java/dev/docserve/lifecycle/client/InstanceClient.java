package dev.docserve.lifecycle.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.http.SocketHttpClient;
import dev.docserve.json.Json;
import dev.docserve.json.JsonValues;
import dev.docserve.security.AccessToken;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A minimal JSON client for a running instance, on {@link SocketHttpClient} because a CLI command
 * such as {@code status} takes a fraction of a second and {@code HttpURLConnection}'s first use
 * alone costs a third of that (see there).
 */
public final class InstanceClient {

    private static final int MAX_BODY_BYTES = 4 * 1024 * 1024;

    /**
     * A response: the status code and the raw body. {@link #document()} reads it without Jackson
     * databind (for the quick commands); {@link #body()} as a tree, for commands that walk big answers.
     */
    public record Response(int status, byte[] raw) {

        public boolean ok() {
            return status / 100 == 2;
        }

        /** The body as a tree; empty when there is none or it is not JSON. */
        public Optional<JsonNode> body() {
            if (raw.length == 0) {
                return Optional.empty();
            }
            try {
                return Optional.ofNullable(Json.mapper().readTree(raw));
            } catch (IOException e) {
                return Optional.empty();
            }
        }

        /** The body when it is a JSON object, as plain values (see {@link JsonValues}). */
        public Optional<Map<String, Object>> document() {
            try {
                return raw.length == 0 ? Optional.empty() : Optional.of(JsonValues.readObject(raw));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
    }

    private final SocketHttpClient http;
    private final Optional<AccessToken> token;

    /** A client that sends the environment's token ({@code DOC_SERVE_TOKEN[_FILE]}) when one is set. */
    public InstanceClient(Duration timeout) {
        this(timeout, AccessToken.fromEnvironment());
    }

    /** @param token sent as {@code Authorization: Bearer}, which a server bound beyond loopback requires */
    public InstanceClient(Duration timeout, Optional<AccessToken> token) {
        this.http = new SocketHttpClient(timeout, MAX_BODY_BYTES);
        this.token = token;
    }

    /**
     * GET; empty for a 404 (an endpoint this server version does not offer).
     *
     * @throws IOException when the server cannot be reached or answers another error
     */
    public Optional<Response> getIfPresent(String baseUrl, String path) throws IOException {
        Response response = send("GET", baseUrl, path, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw new IOException("GET " + path + " answered " + response.status() + detail(response));
        }
        return Optional.of(response);
    }

    public Response post(String baseUrl, String path, Object body) throws IOException {
        return send("POST", baseUrl, path, Json.mapper().writeValueAsBytes(body));
    }

    public Response get(String baseUrl, String path) throws IOException {
        return send("GET", baseUrl, path, null);
    }

    public Response delete(String baseUrl, String path) throws IOException {
        return send("DELETE", baseUrl, path, null);
    }

    private Response send(String method, String baseUrl, String path, byte[] body) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        token.ifPresent(t -> headers.put("Authorization", t.header()));
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        SocketHttpClient.Answer answer = http.send(method, baseUrl + path, headers, body);
        return new Response(answer.status(), answer.body());
    }

    /** The server's {@code detail} message, for error lines. */
    public static String detail(Response response) {
        return response.document().map(b -> b.get("detail")).filter(String.class::isInstance).map(String.class::cast)
                .filter(s -> !s.isBlank()).map(s -> ": " + s).orElse("");
    }
}
