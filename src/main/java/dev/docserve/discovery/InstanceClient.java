package dev.docserve.discovery;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import dev.docserve.security.AccessToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * A minimal JSON client for a running instance, on {@link HttpURLConnection} because it starts in
 * a few milliseconds (the JDK's {@code HttpClient} spins up threads first, which a 0.2 s CLI
 * command notices).
 */
public final class InstanceClient {

    /** A response: the status code and the JSON body, if it had one. */
    public record Response(int status, Optional<JsonNode> body) {

        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private final Duration timeout;
    private final Optional<AccessToken> token;

    /** A client that sends the environment's token ({@code DOC_SERVE_TOKEN[_FILE]}) when one is set. */
    public InstanceClient(Duration timeout) {
        this(timeout, AccessToken.fromEnvironment());
    }

    /** @param token sent as {@code Authorization: Bearer}, which a server bound beyond loopback requires */
    public InstanceClient(Duration timeout, Optional<AccessToken> token) {
        this.timeout = timeout;
        this.token = token;
    }

    /** GET; empty for a 404 (an endpoint this server version does not offer). */
    public Optional<JsonNode> getIfPresent(String baseUrl, String path) throws IOException {
        Response response = send("GET", baseUrl, path, null);
        if (response.status() == 404) {
            return Optional.empty();
        }
        if (!response.ok()) {
            throw new IOException("GET " + path + " answered " + response.status() + detail(response));
        }
        return response.body();
    }

    public Response post(String baseUrl, String path, Object body) throws IOException {
        return send("POST", baseUrl, path, body);
    }

    public Response get(String baseUrl, String path) throws IOException {
        return send("GET", baseUrl, path, null);
    }

    public Response delete(String baseUrl, String path) throws IOException {
        return send("DELETE", baseUrl, path, null);
    }

    private Response send(String method, String baseUrl, String path, Object body) throws IOException {
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + path).toURL().openConnection();
        } catch (IllegalArgumentException e) {
            throw new IOException("invalid URL " + baseUrl + path, e);
        }
        try {
            connection.setRequestMethod(method);
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Accept", "application/json");
            if (token.isPresent()) {
                connection.setRequestProperty("Authorization", token.get().header());
            }
            if (body != null) {
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(Json.mapper().writeValueAsBytes(body));
                }
            }
            int status = connection.getResponseCode();
            InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
            if (stream == null) {
                return new Response(status, Optional.empty());
            }
            try (InputStream in = stream) {
                byte[] bytes = in.readNBytes(4 * 1024 * 1024);
                return new Response(status, parse(bytes));
            }
        } finally {
            connection.disconnect();
        }
    }

    private static Optional<JsonNode> parse(byte[] bytes) {
        if (bytes.length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.mapper().readTree(bytes));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The server's {@code detail} message, for error lines. */
    public static String detail(Response response) {
        return response.body().map(b -> b.path("detail").asText("")).filter(s -> !s.isBlank())
                .map(s -> ": " + s).orElse("");
    }
}
