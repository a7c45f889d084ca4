package dev.docserve.bench;

import dev.docserve.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    record Result(String mode, int clients, int requests, int errors, Percentiles millis, double throughputPerSecond) {
    }

    private LatencyBench() {
    }

    /**
     * @param firstQuery where in {@code queries} this run starts; callers advance it from run to run so
     *                   that no run is served from the server's query-embedding cache by an earlier one
     */
    static Result run(String baseUrl, String mode, int clients, int perClient, List<String> queries, int firstQuery)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicInteger errors = new AtomicInteger();
        List<Future<double[]>> runs = new ArrayList<>();
        long began = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int offset = firstQuery + c * perClient;
            runs.add(pool.submit(() -> {
                double[] millis = new double[perClient];
                for (int i = 0; i < perClient; i++) {
                    String query = queries.get((offset + i) % queries.size());
                    long start = System.nanoTime();
                    if (!send(baseUrl, Map.of("query", query, "mode", mode, "top_k", 10))) {
                        errors.incrementAndGet();
                    }
                    millis[i] = (System.nanoTime() - start) / 1e6;
                }
                return millis;
            }));
        }
        double[] samples = ClientRuns.collect(runs, errors, perClient);
        double seconds = (System.nanoTime() - began) / 1e9;
        pool.shutdown();
        return new Result(mode, clients, samples.length, errors.get(), Percentiles.ofMillis(samples), samples.length / seconds);
    }

    private static boolean send(String baseUrl, Map<String, Object> body) {
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
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.readAllBytes();
                }
            }
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
