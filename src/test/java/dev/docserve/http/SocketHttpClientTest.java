package dev.docserve.http;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CLI's socket HTTP client against the JDK's own server: lengths, chunks, errors, limits. */
class SocketHttpClientTest {

    private HttpServer server;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final SocketHttpClient client = new SocketHttpClient(Duration.ofSeconds(2), 1024);

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> answer(exchange, 200, "{\"a\":1}", false));
        server.createContext("/chunked", exchange -> answer(exchange, 200, "x".repeat(700) + "é", true));
        server.createContext("/missing", exchange -> answer(exchange, 404, "{\"detail\":\"no such thing\"}", false));
        server.createContext("/empty", exchange -> {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/big", exchange -> answer(exchange, 200, "y".repeat(2000), false));
        server.createContext("/big-chunked", exchange -> answer(exchange, 200, "y".repeat(2000), true));
        server.createContext("/echo", exchange -> {
            seen.set(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " "
                    + new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            answer(exchange, 202, "ok", false);
        });
        server.start();
    }

    private static void answer(com.sun.net.httpserver.HttpExchange exchange, int status, String body, boolean chunked)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (chunked) {
                for (int i = 0; i < bytes.length; i += 300) {
                    out.write(bytes, i, Math.min(300, bytes.length - i));
                    out.flush();
                }
            } else {
                out.write(bytes);
            }
        }
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private static String text(SocketHttpClient.Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadABodyOfKnownLength() throws IOException {
        SocketHttpClient.Answer answer = client.send("GET", url("/fixed"), Map.of(), null);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(text(answer)).isEqualTo("{\"a\":1}");
    }

    @Test
    void shouldDecodeAChunkedBody() throws IOException {
        assertThat(text(client.send("GET", url("/chunked"), Map.of(), null))).isEqualTo("x".repeat(700) + "é");
    }

    @Test
    void shouldReturnErrorStatusesWithTheirBodyAndEmptyBodies() throws IOException {
        SocketHttpClient.Answer missing = client.send("GET", url("/missing"), Map.of(), null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(text(missing)).contains("no such thing");

        SocketHttpClient.Answer empty = client.send("GET", url("/empty"), Map.of(), null);
        assertThat(empty.status()).isEqualTo(204);
        assertThat(empty.body()).isEmpty();
    }

    @Test
    void shouldSendMethodQueryHeadersAndBody() throws IOException {
        byte[] body = "{\"q\":\"é\"}".getBytes(StandardCharsets.UTF_8);

        SocketHttpClient.Answer answer = client.send("POST", url("/echo?project_id=p_1"),
                Map.of("Content-Type", "application/json"), body);

        assertThat(answer.status()).isEqualTo(202);
        assertThat(seen.get()).isEqualTo("POST /echo?project_id=p_1 application/json {\"q\":\"é\"}");
    }

    @Test
    void shouldRefuseABodyOverTheLimitEitherWay() {
        assertThatThrownBy(() -> client.send("GET", url("/big"), Map.of(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("over the limit");
        assertThatThrownBy(() -> client.send("GET", url("/big-chunked"), Map.of(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("over the limit");
    }

    @Test
    void shouldFailWithAnIoExceptionWhenNothingListensOrTheUrlIsNotPlainHttp() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }

        assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:" + closedPort + "/health", Map.of(), null))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.send("GET", "https://127.0.0.1:1/health", Map.of(), null))
                .isInstanceOf(IOException.class).hasMessageContaining("not a plain http URL");
        assertThatThrownBy(() -> client.send("GET", "http://127.0.0.1:99999/health", Map.of(), null))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> client.send("GET", "http://bad host/", Map.of(), null))
                .isInstanceOf(IOException.class);
    }

    @Test
    void shouldTimeOutOnAServerThatNeverAnswers() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            SocketHttpClient impatient = new SocketHttpClient(Duration.ofMillis(200), 1024);

            assertThatThrownBy(() -> impatient.send("GET", "http://127.0.0.1:" + silent.getLocalPort() + "/", Map.of(), null))
                    .isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }
}
