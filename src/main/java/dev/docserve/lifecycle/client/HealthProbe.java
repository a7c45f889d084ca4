package dev.docserve.lifecycle.client;

import dev.docserve.http.SocketHttpClient;
import dev.docserve.json.JsonValues;
import dev.docserve.security.AccessToken;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Asks {@code GET <base_url>/health} whether the process there is the instance a runtime file
 * names. PIDs and ports get reused, so a live PID or an open port proves nothing on its own: only
 * the recorded {@code instance_id} coming back does.
 */
public final class HealthProbe {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final SocketHttpClient http;
    private final Optional<AccessToken> token;

    /** A probe that sends the token of the environment ({@code DOC_SERVE_TOKEN[_FILE]}) when one is set. */
    public HealthProbe(Duration timeout) {
        this(timeout, AccessToken.fromEnvironment());
    }

    /** @param token sent as a bearer token, for servers bound beyond loopback */
    public HealthProbe(Duration timeout, Optional<AccessToken> token) {
        this.http = new SocketHttpClient(timeout, MAX_BODY_BYTES);
        this.token = token;
    }

    public boolean answersAs(String baseUrl, String instanceId) {
        return instanceId != null && instanceId.equals(fetchInstanceId(baseUrl));
    }

    /** The {@code instance_id} that {@code /health} reports, or null when nothing sensible answers. */
    public String fetchInstanceId(String baseUrl) {
        return fetch(baseUrl).map(health -> health.get("instance_id"))
                .filter(String.class::isInstance).map(String.class::cast).orElse(null);
    }

    /** The {@code /health} document, or empty when nothing answers 200 with a JSON object. */
    public Optional<Map<String, Object>> fetch(String baseUrl) {
        Map<String, String> headers = token.isPresent()
                ? Map.of("Accept", "application/json", "Authorization", token.get().header())
                : Map.of("Accept", "application/json");
        try {
            SocketHttpClient.Answer answer = http.send("GET", baseUrl + "/health", headers, null);
            return answer.status() == 200 ? Optional.of(JsonValues.readObject(answer.body())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
