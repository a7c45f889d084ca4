package dev.docserve.eval;

import java.util.Arrays;

/**
 * Percentiles of per-query wall-clock latency, in milliseconds.
 *
 * <p>Percentiles use the nearest-rank method: with the n latencies sorted ascending
 * (x<sub>1</sub> ≤ … ≤ x<sub>n</sub>), the p-th percentile is x<sub>⌈p/100 · n⌉</sub>, an observed
 * value, never an interpolation. With 300 queries p99 is the 297th value, so it shows the 4th
 * slowest query; with fewer than 100 queries p99 is the maximum.
 */
public record LatencySummary(int queries, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {

    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static LatencySummary ofNanos(long[] latenciesNanos) {
        if (latenciesNanos.length == 0) {
            return new LatencySummary(0, 0, 0, 0, 0);
        }
        long[] sorted = latenciesNanos.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length,
                nearestRank(sorted, 50), nearestRank(sorted, 95), nearestRank(sorted, 99),
                sorted[sorted.length - 1] / NANOS_PER_MILLI);
    }

    private static double nearestRank(long[] sortedNanos, int percentile) {
        int rank = (int) Math.ceil(percentile / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(rank, 1) - 1] / NANOS_PER_MILLI;
    }
}
