package dev.docserve.bench;

import java.util.Arrays;

/**
 * Latency percentiles by the nearest-rank method: the p-th percentile of n sorted samples is the
 * sample at 1-based rank ⌈p/100 · n⌉.
 */
public record Percentiles(int samples, double p50, double p95, double p99, double max) {

    public static Percentiles ofMillis(double[] millis) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        if (sorted.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 95), rank(sorted, 99), sorted[sorted.length - 1]);
    }

    private static double rank(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }

    public static double median(double[] values) {
        return ofMillis(values).p50();
    }
}
