package dev.docserve.bench;

import dev.docserve.lifecycle.client.InstanceClient;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded soak on loopback: {@code clients} threads send queries back to back (modes in turn) for
 * {@code duration} while index jobs rebuild the corpus one after another, and the server's resident
 * memory is sampled throughout. Zero errors and a flat memory curve are the pass marks; the latency
 * percentiles say what a client feels while the machine also indexes.
 *
 * <p>Memory: the mean RSS of the first and the last quarter of the samples, and of the third against the
 * last. The JVM grows its heap to a working size under load (G1 expands lazily), which shows as a rise
 * from the first quarter; a leak grows with the requests served and keeps rising after that, so the
 * third-to-last change is the leak indicator (flat: within a few per cent).
 */
final class SoakBench {

    private static final String[] MODES = {"hybrid", "bm25", "vector"};
    private static final Duration JOB_POLL = Duration.ofMillis(250);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    /** One RSS sample, seconds since the soak began. */
    record RssSample(double seconds, double rssMib) {
    }

    record Result(double seconds, int clients, int requests, int errors, Percentiles millis, double throughputPerSecond,
                  int indexJobsDone, int indexJobsFailed, List<RssSample> rss, double rssFirstQuartileMib,
                  double rssThirdQuartileMib, double rssLastQuartileMib, double rssChangePercent,
                  double rssAfterWarmUpChangePercent) {
    }

    private SoakBench() {
    }

    static Result run(String baseUrl, long serverPid, String folder, Duration duration, int clients, List<String> queries,
                      PrintStream log) throws InterruptedException, IOException {
        InstanceClient http = new InstanceClient(REQUEST_TIMEOUT);
        log.println("soak: first full index of " + folder);
        String firstJob = awaitJob(http, baseUrl, submit(http, baseUrl, folder));
        if (!"done".equals(firstJob)) {
            throw new IllegalStateException("the first index job ended " + firstJob + "; see the server log");
        }
        long began = System.nanoTime();
        long end = began + duration.toNanos();
        AtomicInteger jobsDone = new AtomicInteger();
        AtomicInteger jobsFailed = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<RssSample> rss = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients + 2);
        Future<?> indexing = pool.submit(() -> {
            while (System.nanoTime() < end) {
                String outcome = awaitJob(http, baseUrl, submit(http, baseUrl, folder));
                ("done".equals(outcome) ? jobsDone : jobsFailed).incrementAndGet();
            }
            return null;
        });
        Future<?> sampler = pool.submit(() -> {
            long every = Math.max(1000, duration.toMillis() / 40);
            while (System.nanoTime() < end) {
                ProcessBench.rssMib(serverPid).ifPresent(mib -> {
                    synchronized (rss) {
                        rss.add(new RssSample((System.nanoTime() - began) / 1e9, mib));
                    }
                });
                Thread.sleep(every);
            }
            return null;
        });
        List<Future<double[]>> runs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            int offset = c * 997;
            runs.add(pool.submit(() -> {
                List<Double> millis = new ArrayList<>();
                for (int i = 0; System.nanoTime() < end; i++) {
                    String query = queries.get((offset + i) % queries.size());
                    long start = System.nanoTime();
                    if (!answered(http, baseUrl, Map.of("query", query, "mode", MODES[i % MODES.length], "top_k", 10))) {
                        errors.incrementAndGet();
                    }
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                return millis.stream().mapToDouble(Double::doubleValue).toArray();
            }));
        }
        double[] samples = ClientRuns.collect(runs, errors, 1);
        double seconds = (System.nanoTime() - began) / 1e9;
        log.println("soak: queries done, waiting for the last index job");
        try {
            indexing.get();
            sampler.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("the soak's indexing or sampling failed: " + e.getCause(), e.getCause());
        }
        pool.shutdown();
        double first = quarterMean(rss, 0);
        double third = quarterMean(rss, 2);
        double last = quarterMean(rss, 3);
        return new Result(seconds, clients, samples.length, errors.get(), Percentiles.ofMillis(samples), samples.length / seconds,
                jobsDone.get(), jobsFailed.get(), List.copyOf(rss), first, third, last, change(first, last), change(third, last));
    }

    /** Mean RSS of quarter {@code q} (0–3) of the samples, in time order. */
    private static double quarterMean(List<RssSample> samples, int q) {
        int n = samples.size();
        List<RssSample> part = samples.subList(Math.min(n, n * q / 4), Math.min(n, Math.max(n * q / 4 + 1, n * (q + 1) / 4)));
        return part.stream().mapToDouble(RssSample::rssMib).average().orElse(0);
    }

    private static double change(double from, double to) {
        return from == 0 ? 0 : 100 * (to - from) / from;
    }

    private static boolean answered(InstanceClient http, String baseUrl, Map<String, Object> query) {
        try {
            return http.post(baseUrl, "/query", query).status() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A forced rebuild, so every job re-embeds the whole folder: the heaviest background work there is. */
    private static String submit(InstanceClient http, String baseUrl, String folder) throws IOException {
        InstanceClient.Response accepted = http.post(baseUrl, "/index", Map.of("folder_path", folder, "force", true));
        if (accepted.status() != 202) {
            throw new IllegalStateException("POST /index answered " + accepted.status() + ": " + accepted.body().orElse(null));
        }
        return accepted.body().map(job -> job.path("job_id").asText()).orElseThrow();
    }

    private static String awaitJob(InstanceClient http, String baseUrl, String jobId) throws InterruptedException, IOException {
        while (true) {
            InstanceClient.Response answer = http.get(baseUrl, "/index/jobs/" + jobId);
            String status = answer.body().map(job -> job.path("status").asText()).orElse("");
            if (answer.ok() && !"pending".equals(status) && !"running".equals(status)) {
                return status;
            }
            Thread.sleep(JOB_POLL.toMillis());
        }
    }
}
