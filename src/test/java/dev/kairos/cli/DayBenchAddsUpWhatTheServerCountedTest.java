package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.kairos.bench.Baseline;
import dev.kairos.bench.CountingModelServer;
import dev.kairos.bench.DayBench;
import dev.kairos.bench.DayReport;
import dev.kairos.memory.Embedder;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.tool.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two scripted days through the day benchmark, wired as the CLI wires it. Each day's figures are the sums of what
 * the model server counted (each count being o200k's count of the whole request, recounted here), priced at the
 * reference models' list prices; Kairos's own ledger saw the same calls, at the chats and at the three beats that
 * had work, so no other beat sent anything; and the baseline's last beat is what the workspace's files hold.
 */
class DayBenchAddsUpWhatTheServerCountedTest {
    private static final Path DATA = Path.of("..", "shared", "data", "locomo", "locomo-dev.json");
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @TempDir Path tmp;

    @Test
    void eachDayIsTheSumOfTheServersCountsAndTheBaselineIsTheDaysFiles() throws Exception {
        assertThat(Files.isRegularFile(DATA)).as("the LoCoMo data set is missing at "
                + DATA.toAbsolutePath().normalize() + ": this test needs ../shared beside the repository").isTrue();
        DayReport report = new DayBench(tmp, Embedder.local(Path.of("target", "test-cache")),
                (dir, clock, url, embedder) -> DayHome.open(dir, clock, url, embedder, System.getenv("PATH")))
                .run(DATA, null, 2);

        assertThat(report.days()).hasSize(2);
        // without bubblewrap the test a fix needs would wait for an approval: no commit breaks the test then
        boolean sandboxed = Sandbox.detect(System.getenv(), Processes.runner()).isolates();
        for (DayReport.Day d : report.days()) {
            List<CountingModelServer.Received> got = d.requests();
            // a greeting, a question, a "please remember" (1 call: the user's words are kept already, the remember
            // tool says); two checks (1 call each: told what happened since the last); a fix with a sandbox (3 calls:
            // the failing change is in the task, so edit, run the test, answer)
            assertThat(d.calls()).isEqualTo(got.size()).isEqualTo(sandboxed ? 8 : 5);
            for (CountingModelServer.Received r : got) {
                assertThat(r.inputTokens()).isEqualTo(recount(r.body()));
                assertThat(r.cacheWriteTokens() + r.cacheReadTokens()).isLessThanOrEqualTo(r.inputTokens());
                String task = r.body().at("/messages/0/content/0/text").asText();
                if (task.contains("(check): ") || task.contains("(fix): ")) {
                    assertThat(tokens(memories(task))).as("a check's or fix's memories: an eighth of 2,000")
                            .isLessThanOrEqualTo(250);
                }
                if (task.contains("(fix): ")) {
                    assertThat(r.body().get("system").toString()).doesNotContain("What you remember (index)");
                    assertThat(r.body().get("tools").findValuesAsText("name")).doesNotContain("git", "schedule");
                }
            }
            long input = got.stream().mapToLong(CountingModelServer.Received::uncachedInputTokens).sum();
            long output = got.stream().mapToLong(CountingModelServer.Received::outputTokens).sum();
            long write = got.stream().mapToLong(CountingModelServer.Received::cacheWriteTokens).sum();
            long read = got.stream().mapToLong(CountingModelServer.Received::cacheReadTokens).sum();
            long openAiCached = got.stream().mapToLong(CountingModelServer.Received::openAiCachedTokens).sum();
            assertThat(List.of(d.inputTokens(), d.outputTokens(), d.cacheWriteTokens(), d.cacheReadTokens()))
                    .containsExactly(input, output, write, read);
            if (sandboxed) assertThat(read).as("the fix's steps read the earlier ones from the cache").isPositive();
            assertThat(d.largestRequest()).isEqualTo(got.stream().mapToLong(CountingModelServer.Received::inputTokens)
                    .max().orElseThrow());
            // claude-sonnet-4-5: $3 in, $15 out, $3.75 cache write, $0.30 cache read; gpt-4.1: $2, $8, $0.50 cached
            assertThat(d.usd().anthropic()).isCloseTo((3 * input + 15 * output + 3.75 * write + 0.3 * read) / 1e6,
                    within(1e-8));
            long all = input + write + read;
            assertThat(d.usd().openAi()).isCloseTo((2 * (all - openAiCached) + 8 * output + 0.5 * openAiCached) / 1e6,
                    within(1e-8));

            assertThat(d.beats()).isEqualTo(48);
            assertThat(d.idleBeatTokens()).isZero();
            assertThat(d.beatsWithoutCall()).isEqualTo(sandboxed ? 45 : 46); // calls at 09:00, 17:00 (and 14:30)
            assertThat(d.fix()).isEqualTo(sandboxed ? "verified" : "skipped");
            assertThat(d.dream()).isEqualTo("dreamt");
            assertThat(ledgerTimes(d.date())).containsExactlyElementsOf(workingTimes(d.date(), sandboxed));
            assertThat(ledgerSums(d.date())).as("what Kairos's client read in the server's answers")
                    .containsExactly(d.calls(), input, output, write, read);
            assertThat(d.baselineBeats()).hasSize(48);
            assertThat(d.baselineInputTokens()).isEqualTo(d.baselineBeats().stream()
                    .mapToLong(Baseline.Beat::inputTokens).sum());
        }
        DayReport.Day first = report.days().getFirst();
        DayReport.Day second = report.days().getLast();
        assertThat(report.totals().calls()).isEqualTo(first.calls() + second.calls());
        assertThat(report.totals().cacheReadTokens()).isEqualTo(first.cacheReadTokens() + second.cacheReadTokens());
        assertThat(report.totals().baselineInputTokens())
                .isEqualTo(first.baselineInputTokens() + second.baselineInputTokens());
        assertThat(report.totals().usd().anthropic())
                .isCloseTo(first.usd().anthropic() + second.usd().anthropic(), within(1e-9));

        // the baseline's last beat (day 2, 23:30) is what the files hold now: nothing was written after it
        Baseline.Beat last = second.baselineBeats().getLast();
        assertThat(last.at()).isEqualTo(second.date().atTime(23, 30).toInstant(ZoneOffset.UTC));
        JsonNode chat = second.requests().getFirst().body(); // the greeting: every tool offered, as the baseline has
        assertThat(last.systemPrompt()).isEqualTo(tokens(chat.get("system").get(0).get("text").asText()));
        assertThat(last.tools()).isEqualTo(toolTokens(chat));
        Path home = tmp.resolve("home");
        String heartbeat = Files.readString(home.resolve("HEARTBEAT.md"));
        assertThat(heartbeat).contains("`0 9,17 * * *`: summarise");
        assertThat(last.heartbeatFile()).isEqualTo(tokens(heartbeat));
        assertThat(last.memoryIndex()).isEqualTo(tokens(Files.readString(home.resolve("memory/MEMORY.md"))));
        Path journal = home.resolve("memory/journal");
        assertThat(last.today()).isEqualTo(tokens(Files.readString(journal.resolve(second.date() + ".md"))));
        assertThat(last.yesterday()).isEqualTo(tokens(Files.readString(journal.resolve(first.date() + ".md"))));
        assertThat(second.baselineBeats().getFirst().today()).as("read afresh at each beat").isLessThan(last.today());

        ObjectNode json = report.toJson();
        List<String> fields = List.of("day", "date", "calls", "inputTokens", "outputTokens", "cacheWriteTokens",
                "cacheReadTokens", "usd", "idleBeatShare", "largestRequest", "baselineInputTokens", "baselineUsd");
        assertThat(json.get("days").get(1).fieldNames()).toIterable().containsExactlyElementsOf(fields);
        assertThat(json.get("totals").fieldNames()).toIterable().containsExactlyElementsOf(fields.subList(2, 12));
        assertThat(json.get("days").get(1).get("calls").asLong()).isEqualTo(second.calls());
        assertThat(json.get("totals").get("baselineInputTokens").asLong())
                .isEqualTo(report.totals().baselineInputTokens());
    }

    @Test
    void aMissingDataFileIsOneLineSayingWhereItLooked() {
        Path missing = tmp.resolve("nowhere.json");
        CliRun run = CliRun.run(Map.of("KAIROS_HOME", tmp.toString()), SettableClock.at("2026-11-25T08:00:00Z"),
                "bench", "day", "--days", "2", "--data", missing.toString());
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().strip()).isEqualTo("kairos: no LoCoMo file at " + missing + "; give --data a LoCoMo JSON "
                + "file (the default is ../shared/data/locomo/locomo-dev.json from where you run it)");
    }

    /** When the calls Kairos's ledger recorded on {@code day} were made, distinct and in order. */
    private Set<Instant> ledgerTimes(LocalDate day) throws Exception {
        Set<Instant> at = new TreeSet<>();
        query("SELECT at FROM model_calls WHERE day = '" + day + "' AND task_kind <> 'dream'",
                rs -> at.add(Instant.ofEpochMilli(rs.getLong(1))));
        return at;
    }

    /** Calls, input, output, cache write and cache read tokens in Kairos's ledger on {@code day}. */
    private List<Long> ledgerSums(LocalDate day) throws Exception {
        List<Long> sums = new ArrayList<>();
        query("SELECT count(*), sum(input_tokens), sum(output_tokens), sum(cache_write_tokens), sum(cache_read_tokens) "
                + "FROM model_calls WHERE day = '" + day + "' AND task_kind <> 'dream'", rs -> {
                    for (int i = 1; i <= 5; i++) sums.add(rs.getLong(i));
                });
        return sums;
    }

    private interface Row {
        void read(ResultSet rs) throws java.sql.SQLException;
    }

    private void query(String sql, Row row) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("home/state.db"));
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            while (rs.next()) row.read(rs);
        }
    }

    /** The chats, the checks at 09:00 and 17:00, and the fix at the 14:30 beat. */
    private static List<Instant> workingTimes(LocalDate day, boolean sandboxed) {
        List<LocalTime> times = new ArrayList<>(List.of(LocalTime.of(8, 5), LocalTime.of(9, 0), LocalTime.of(12, 35),
                LocalTime.of(17, 0), LocalTime.of(18, 5)));
        if (sandboxed) times.add(3, LocalTime.of(14, 30));
        return times.stream().map(t -> day.atTime(t).toInstant(ZoneOffset.UTC)).toList();
    }

    /** Every text the model reads: system blocks, message texts, tool calls and results, each tool's schema. */
    private static long recount(JsonNode body) {
        long n = toolTokens(body);
        for (JsonNode block : body.get("system")) n += tokens(block.get("text").asText());
        for (JsonNode m : body.get("messages")) {
            for (JsonNode block : m.get("content")) {
                n += switch (block.get("type").asText()) {
                    case "text" -> tokens(block.get("text").asText());
                    case "tool_use" -> tokens(block.get("name").asText()) + tokens(block.get("input").toString());
                    case "tool_result" -> block.get("content").isTextual() ? tokens(block.get("content").asText())
                            : sumTexts(block.get("content"));
                    default -> 0;
                };
            }
        }
        return n;
    }

    private static long sumTexts(JsonNode blocks) {
        long n = 0;
        for (JsonNode b : blocks) n += tokens(b.path("text").asText());
        return n;
    }

    private static long toolTokens(JsonNode body) {
        long n = 0;
        for (JsonNode tool : body.get("tools")) {
            n += tokens(tool.get("name").asText()) + tokens(tool.get("description").asText())
                    + tokens(tool.get("input_schema").toString());
        }
        return n;
    }

    /** The memories packed into a task's message (empty when none were). */
    private static String memories(String message) {
        int open = message.indexOf("<memories>\n");
        return open < 0 ? "" : message.substring(open + 11, message.indexOf("\n</memories>", open));
    }

    private static long tokens(String s) {
        return s.isEmpty() ? 0 : O200K.countTokensOrdinary(s);
    }
}
