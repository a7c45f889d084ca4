package dev.docserve.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

    private static final long MILLI = 1_000_000L;

    @Test
    void shouldTakeNearestRankPercentilesOfOneToHundredMillis() {
        long[] shuffled = LongStream.rangeClosed(1, 100).map(i -> (i * 37 % 100 + 1) * MILLI).toArray();

        LatencySummary summary = LatencySummary.ofNanos(shuffled);

        assertThat(summary).isEqualTo(new LatencySummary(100, 50, 95, 99, 100));
    }

    @Test
    void shouldPickThe297thOf300ForP99() {
        long[] latencies = LongStream.rangeClosed(1, 300).map(i -> i * MILLI).toArray();

        LatencySummary summary = LatencySummary.ofNanos(latencies);

        // ceil(0.50 * 300) = 150, ceil(0.95 * 300) = 285, ceil(0.99 * 300) = 297
        assertThat(summary).isEqualTo(new LatencySummary(300, 150, 285, 297, 300));
    }

    @Test
    void shouldReportTheOnlyValueForEveryPercentileOfOneQuery() {
        assertThat(LatencySummary.ofNanos(new long[] {2_500_000L}))
                .isEqualTo(new LatencySummary(1, 2.5, 2.5, 2.5, 2.5));
    }

    @Test
    void shouldReportZerosWhenNoQueryRan() {
        assertThat(LatencySummary.ofNanos(new long[0])).isEqualTo(new LatencySummary(0, 0, 0, 0, 0));
    }
}
