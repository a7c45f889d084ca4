package dev.docserve.lifecycle.client;


import com.sun.net.httpserver.HttpServer;
import dev.docserve.security.AccessToken;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Clients send the bearer token a server bound beyond loopback requires, and nothing when none is set. */
class InstanceClientTokenTest {

    private HttpServer server;
    private final AtomicReference<String> authorization = new AtomicReference<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldSendTheBearerTokenWhenOneIsConfigured() throws IOException {
        Optional<AccessToken> token = AccessToken.resolve(Optional.of("client-token"), Optional.empty());

        new InstanceClient(Duration.ofSeconds(2), token).get(baseUrl(), "/health");

        assertThat(authorization.get()).isEqualTo("Bearer client-token");
    }

    @Test
    void shouldSendNoAuthorizationWithoutAToken() throws IOException {
        new InstanceClient(Duration.ofSeconds(2), Optional.empty()).get(baseUrl(), "/health");

        assertThat(authorization.get()).isNull();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }
}
