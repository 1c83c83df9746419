package dev.kairos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Shape only: latencies are measured by running the benchmark, never asserted in a test. */
class ScaleBenchReportsEachSizeTest {
    @TempDir
    Path tmp;

    @Test
    void reportsEverySizeWithItsFootprint() {
        ScaleReport report = new ScaleBench(tmp, null).run(List.of(150, 600), 500);

        assertThat(report.sizes()).extracting(ScaleReport.Size::items).containsExactly(150, 600);
        assertThat(report.sizes().get(1).vectorBytes()).isGreaterThan(report.sizes().get(0).vectorBytes());
        assertThat(report.sizes().get(1).vectorBytes()).isGreaterThanOrEqualTo(600L * 384);
        assertThat(report.toJson().get("sizes").get(0).has("searchP99Ms")).isTrue();
        assertThat(report.toTable()).contains("| 600 |");
    }
}
