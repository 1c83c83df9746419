package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kairos bench webhook` posts every example the number of times asked, each timed by the server itself; all are
 * accepted, the first round stores the changes and later rounds store none. (Its figures are in the README; times
 * are measured there, not asserted here.)
 */
class WebhookBenchTimesEveryDeliveryInsideTheServerTest {
    @TempDir Path home;

    @Test
    void everyPostIsAnsweredAndTimedAndRepeatsStoreNothing() {
        CliRun run = CliRun.run(Map.of("KAIROS_HOME", home.toString()), InstantSource.system(),
                "bench", "webhook", "--repeat", "2", "--json");

        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode r = Json.tree(run.out());
        int examples = r.path("examples").asInt();
        assertThat(examples).isEqualTo(273);
        assertThat(r.path("repos")).hasSize(12);
        assertThat(r.path("deliveries").asInt()).isEqualTo(2 * examples);
        assertThat(r.path("timed").asInt()).isEqualTo(2 * examples);
        assertThat(r.path("refused").asInt()).isZero();
        assertThat(r.path("stored").asInt()).isPositive();
        assertThat(r.path("storedLater").asInt()).isZero();
        assertThat(r.path("stored").asInt() + r.path("duplicates").asInt() + r.path("ignored").asInt())
                .isEqualTo(2 * examples);
        assertThat(r.path("p50Ms").asDouble()).isPositive().isLessThanOrEqualTo(r.path("p99Ms").asDouble());
    }

    @Test
    void aMissingDataFolderIsOneLine() {
        CliRun run = CliRun.run(Map.of("KAIROS_HOME", home.toString()), InstantSource.system(),
                "bench", "webhook", "--data", home.resolve("nope").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("kairos: no folder ").contains("payload-examples").hasLineCount(1);
    }
}
