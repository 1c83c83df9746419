package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.kairos.bench.CountingModelServer;
import dev.kairos.bench.GreetingBench;
import dev.kairos.bench.GreetingReport;
import dev.kairos.memory.Embedder;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three days of LoCoMo conv-26 through the greeting benchmark, wired as the CLI wires it: each day's figure is the
 * count the model server made of that morning's request, and that count is what o200k makes of the whole request
 * (system, tools, messages), recounted here on its own.
 */
class GreetingBenchReportsWhatTheServerCountedTest {
    private static final Path DATA = Path.of("..", "shared", "data", "locomo", "locomo-dev.json");
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @TempDir Path tmp;

    @Test
    void eachDayIsTheServersCountOfThatMorningsWholeRequest() {
        assertThat(Files.isRegularFile(DATA)).as("the LoCoMo data set is missing at "
                + DATA.toAbsolutePath().normalize() + ": this test needs ../shared beside the repository").isTrue();
        try (CountingModelServer server = CountingModelServer.start()) {
            GreetingReport report = new GreetingBench(tmp, Embedder.local(Path.of("target", "test-cache")),
                    BenchHome::open, server).run(DATA, "conv-26", 3, 2000);

            List<CountingModelServer.Received> got = server.received();
            assertThat(got).hasSize(6); // one greeting a day, three days dreaming, then three not
            for (int i = 0; i < 3; i++) {
                assertThat(report.days().get(i).greetingTokens()).isEqualTo(got.get(i).inputTokens());
                assertThat(report.withoutDream().get(i).greetingTokens()).isEqualTo(got.get(3 + i).inputTokens());
            }
            for (CountingModelServer.Received r : got) {
                assertThat(r.inputTokens()).isEqualTo(recount(r.body())).isBetween(1_000L, 2_500L);
                JsonNode messages = r.body().get("messages");
                assertThat(messages).hasSize(1); // a new day's conversation window starts empty
                assertThat(messages.get(0).get("content").get(0).get("text").asText()).endsWith("good morning");
                assertThat(r.body().get("tools").size()).isPositive();
            }
            assertThat(indexBlock(got.get(2))).contains("## Topics"); // the dream's MEMORY.md rides in the prefix
            assertThat(indexBlock(got.get(5))).doesNotContain("## Topics");

            assertThat(report.firstDayTokens()).isEqualTo(got.get(0).inputTokens());
            assertThat(report.lastDayTokens()).isEqualTo(got.get(2).inputTokens());
            assertThat(report.lastDayTokens()).isLessThanOrEqualTo((long) (1.2 * report.firstDayTokens()));
            // conv-26 has 4, 15 and 20 questions (categories 1 to 4) whose evidence is in its first 1, 2, 3 sessions
            assertThat(report.days()).extracting(GreetingReport.Day::questions).containsExactly(4, 15, 20);
            assertThat(report.withoutDream()).extracting(GreetingReport.Day::questions).containsExactly(4, 15, 20);
            assertThat(report.days()).allSatisfy(d -> {
                assertThat(d.recall()).isBetween(0.0, 1.0);
                assertThat(d.dream()).isEqualTo("DREAMT");
                assertThat(d.dreamTokens()).isZero();
                assertThat(d.defaultMemoryBytes()).isPositive();
            });
            assertThat(report.withoutDream()).allSatisfy(d -> assertThat(d.dream()).isEqualTo("none"));

            ObjectNode json = report.toJson();
            assertThat(json.get("firstDayTokens").asLong()).isEqualTo(got.get(0).inputTokens());
            assertThat(json.get("lastDayTokens").asLong()).isEqualTo(got.get(2).inputTokens());
            assertThat(json.get("days").get(1).get("greetingTokens").asLong()).isEqualTo(got.get(1).inputTokens());
            assertThat(json.get("withoutDream").get(1).get("greetingTokens").asLong())
                    .isEqualTo(got.get(4).inputTokens());
            assertThat(json.get("days").get(0).fieldNames()).toIterable()
                    .contains("day", "greetingTokens", "recall", "defaultMemoryBytes", "dreamTokens");
            assertThat(report.toTable()).contains("| 3 | 2023-06-10 | " + String.format("%,d", got.get(2).inputTokens())
                    + " / " + String.format("%,d", got.get(5).inputTokens()) + " | 20 |");
        }
    }

    @Test
    void anUnknownConversationIsOneLineNamingThoseInTheFile() {
        assertThat(Files.isRegularFile(DATA)).as("the LoCoMo data set is missing at "
                + DATA.toAbsolutePath().normalize() + ": this test needs ../shared beside the repository").isTrue();
        CliRun run = CliRun.run(Map.of("KAIROS_HOME", tmp.toString()), SettableClock.at("2026-11-25T08:00:00Z"),
                "bench", "greeting", "--data", DATA.toString(), "--conversation", "conv-99");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).isEqualTo("kairos: no conversation conv-99 in the file; it has conv-26, conv-30, "
                + "conv-41, conv-42, conv-43");
    }

    private static String indexBlock(CountingModelServer.Received r) {
        return r.body().get("system").get(1).get("text").asText();
    }

    /** Every text the model reads: system blocks, message texts, and each tool's name, description and schema. */
    private static long recount(JsonNode body) {
        long n = 0;
        for (JsonNode block : body.get("system")) n += tokens(block.get("text").asText());
        for (JsonNode m : body.get("messages")) {
            for (JsonNode block : m.get("content")) n += tokens(block.path("text").asText());
        }
        for (JsonNode tool : body.get("tools")) {
            n += tokens(tool.get("name").asText()) + tokens(tool.get("description").asText())
                    + tokens(tool.get("input_schema").toString());
        }
        return n;
    }

    private static long tokens(String s) {
        return s.isEmpty() ? 0 : O200K.countTokensOrdinary(s);
    }
}
