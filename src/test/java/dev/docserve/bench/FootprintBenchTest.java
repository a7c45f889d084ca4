package dev.docserve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.docserve.bench.FootprintBench.Memory;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class FootprintBenchTest {

    @Test
    void severalServersShouldBeReportedByTheirMedianRssAndPssEachOfItsOwn() {
        Memory median = FootprintBench.median(List.of(new Memory(260.0, 249.0), new Memory(229.0, 251.0),
                new Memory(242.0, 228.0)));

        assertThat(median).isEqualTo(new Memory(242.0, 249.0));
        assertThat(FootprintBench.median(List.of(new Memory(220.0, null), new Memory(230.0, null))))
                .as("an even count averages the middle two; a PSS nobody could read stays unknown")
                .isEqualTo(new Memory(225.0, null));
    }

    @Test
    void theReportShouldGiveTheSpreadBesideTheMedianAfterIndexing() {
        FootprintBench.Result result = new FootprintBench.Result(new Memory(108.0, 98.0), new Memory(242.0, 231.0), 375,
                null, 0, Arrays.asList(260.0, 229.0, 242.0));

        assertThat(BenchReport.footprintRows(result))
                .contains("after indexing the corpus (375 chunks; model loaded), median of 3 servers (RSS 229–260 MiB): RSS / PSS | 242 MiB / 231 MiB |")
                .doesNotContain("minutes idle");
    }
}
