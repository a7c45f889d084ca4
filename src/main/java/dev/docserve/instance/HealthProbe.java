package dev.docserve.instance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.docserve.json.Json;
import dev.docserve.security.AccessToken;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Asks {@code GET <base_url>/health} whether the process there is the instance a runtime file
 * names. PIDs and ports get reused, so a live PID or an open port proves nothing on its own: only
 * the recorded {@code instance_id} coming back does.
 */
public final class HealthProbe {

    private final Duration timeout;
    private final Optional<AccessToken> token;

    /** A probe that sends the token of the environment ({@code DOC_SERVE_TOKEN[_FILE]}) when one is set. */
    public HealthProbe(Duration timeout) {
        this(timeout, AccessToken.fromEnvironment());
    }

    /** @param token sent as a bearer token, for servers bound beyond loopback */
    public HealthProbe(Duration timeout, Optional<AccessToken> token) {
        this.timeout = timeout;
        this.token = token;
    }

    public boolean answersAs(String baseUrl, String instanceId) {
        return instanceId != null && instanceId.equals(fetchInstanceId(baseUrl));
    }

    /** The {@code instance_id} that {@code /health} reports, or null when nothing sensible answers. */
    public String fetchInstanceId(String baseUrl) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) URI.create(baseUrl + "/health").toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            connection.setRequestProperty("Accept", "application/json");
            if (token.isPresent()) {
                connection.setRequestProperty("Authorization", token.get().header());
            }
            if (connection.getResponseCode() != 200) {
                return null;
            }
            try (InputStream body = connection.getInputStream()) {
                JsonNode health = Json.mapper().readTree(body.readNBytes(64 * 1024));
                JsonNode id = health == null ? null : health.get("instance_id");
                return id == null || !id.isTextual() ? null : id.asText();
            }
        } catch (IOException | IllegalArgumentException e) {
            return null;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
