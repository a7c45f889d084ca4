package dev.docserve.bench;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.docserve.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Query latency over HTTP, the way clients see it (query embedding included): {@code clients}
 * threads each send {@code perClient} queries back to back, cycling through real query texts. Every
 * non-200 answer or I/O failure counts as an error. Bounded in count, loopback only.
 */
final class LatencyBench {

    /**
     * @param millis       latency as the client sees it
     * @param serverMillis the server's own {@code query_time_ms} of the same answered queries: the search
     *                     (query embedding included) without HTTP, JSON and queueing
     */
    record Result(String mode, int clients, int requests, int errors, Percentiles millis, Percentiles serverMillis,
                  double throughputPerSecond) {
    }

    private LatencyBench() {
    }

    /**
     * @param firstQuery where in {@code queries} this run starts; callers advance it from run to run so
     *                   that no run is served from the server's query-embedding cache by an earlier one
     */
    static Result run(String baseUrl, String mode, int clients, int perClient, List<String> queries, int firstQuery)
            throws InterruptedException {
        return run(baseUrl, Map.of(), mode, clients, perClient, queries, firstQuery);
    }

    /** The same, with {@code extraBody} fields (the shared daemon's {@code project_id}) in every request. */
    static Result run(String baseUrl, Map<String, Object> extraBody, String mode, int clients, int perClient,
                      List<String> queries, int firstQuery) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger errors = new AtomicInteger();
        List<Future<double[]>> runs = new ArrayList<>();
        double[] serverMillis = new double[clients * perClient]; // each client writes its own slots
        Arrays.fill(serverMillis, Double.NaN);
        long began = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int offset = firstQuery + c * perClient;
            int firstSlot = c * perClient;
            runs.add(pool.submit(() -> {
                double[] millis = new double[perClient];
                for (int i = 0; i < perClient; i++) {
                    String query = queries.get((offset + i) % queries.size());
                    long start = System.nanoTime();
                    Map<String, Object> body = new java.util.HashMap<>(extraBody);
                    body.putAll(Map.of("query", query, "mode", mode, "top_k", 10));
                    OptionalDouble server = query(baseUrl, body);
                    millis[i] = (System.nanoTime() - start) / 1e6;
                    if (server.isPresent()) {
                        serverMillis[firstSlot + i] = server.getAsDouble();
                    } else {
                        errors.incrementAndGet();
                    }
                }
                return millis;
            }));
        }
        double[] samples = ClientRuns.collect(runs, errors, perClient);
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        double[] answered = Arrays.stream(serverMillis).filter(m -> !Double.isNaN(m)).toArray();
        return new Result(mode, clients, samples.length, errors.get(), Percentiles.ofMillis(samples),
                Percentiles.ofMillis(answered), samples.length / seconds);
    }

    /** One query; true when it was answered 200. */
    static boolean send(String baseUrl, Map<String, Object> body) {
        return query(baseUrl, body).isPresent();
    }

    /** One query; the server's {@code query_time_ms} when it was answered 200, empty otherwise. */
    private static OptionalDouble query(String baseUrl, Map<String, Object> body) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/query").toURL().openConnection();
            connection.setRequestMethod("POST");
            connection.setConnectTimeout(5000);
            connection.setReadTimeout(30000);
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(Json.mapper().writeValueAsBytes(body));
            }
            int status = connection.getResponseCode();
            byte[] answer;
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                answer = in == null ? new byte[0] : in.readAllBytes();
            }
            return status == 200 ? queryTime(answer) : OptionalDouble.empty();
        } catch (IOException e) {
            return OptionalDouble.empty();
        }
    }

    /** The top-level {@code query_time_ms} of a query answer, read without building the results. */
    static OptionalDouble queryTime(byte[] answer) throws IOException {
        try (JsonParser parser = Json.mapper().getFactory().createParser(answer)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return OptionalDouble.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("query_time_ms") && value.isNumeric()) {
                    return OptionalDouble.of(parser.getDoubleValue());
                }
                parser.skipChildren();
            }
            return OptionalDouble.empty();
        }
    }
}
