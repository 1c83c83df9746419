package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line path of a commit: `watch`, a commit, `tick --json` shows one event; later ticks (each a new
 * process, so a restart every time) show nothing new; the journal has exactly one line for it.
 */
class CommitShowsUpInTickTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aCommitIsOneEventAndOneJournalLineAcrossTicksAndRestarts() throws Exception {
        Path home = tmp.resolve("home");
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC");
        try (TestRepo repo = TestRepo.create(tmp.resolve("app"))) {
            assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
            CliRun watch = CliRun.run(env, clock, "watch", repo.dir().toString(), "--json");
            assertThat(Json.MAPPER.readTree(watch.out()).get("git").asBoolean()).isTrue();
            assertThat(tick(env).get("idle").asBoolean()).as("first sight replays no history").isTrue();

            repo.write("src/App.java", "class App {}\n");
            String sha = repo.commit("Add the app");
            clock.advance(Duration.ofMinutes(5));
            JsonNode first = tick(env);
            assertThat(first.get("idle").asBoolean()).isFalse();
            assertThat(first.get("events")).singleElement().satisfies(e -> {
                assertThat(e.get("source").asText()).isEqualTo("git");
                assertThat(e.get("kind").asText()).isEqualTo("git.commit");
                assertThat(e.get("key").asText()).endsWith("@" + sha);
                assertThat(e.get("summary").asText()).contains(sha.substring(0, 7)).contains("Add the app");
            });
            assertThat(first.get("modelCalls").asInt()).isZero();

            clock.advance(Duration.ofMinutes(5));
            assertThat(tick(env).get("idle").asBoolean()).isTrue();
            assertThat(tick(env).get("events")).isEmpty();

            List<String> lines = Files.readAllLines(home.resolve("memory/journal/2026-11-25.md"));
            assertThat(lines).filteredOn(l -> l.contains(sha.substring(0, 7))).singleElement()
                    .satisfies(l -> assertThat(l).startsWith("- 09:05 commit " + sha.substring(0, 7))
                            .endsWith("(event 1, git.commit)"));

            JsonNode status = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out());
            assertThat(status.get("pendingEvents").asInt()).isZero();
            assertThat(status.get("watching").get(0).asText()).isEqualTo(repo.dir().toRealPath().toString());
            assertThat(status.get("beatsToday").asInt()).isEqualTo(4);
            assertThat(status.get("idleBeatsToday").asInt()).isEqualTo(3);
        }
    }

    @Test
    void watchingAMissingFolderIsOneClearLine() {
        Map<String, String> env = Map.of("KAIROS_HOME", tmp.resolve("home").toString());
        CliRun.run(env, clock, "init");
        CliRun run = CliRun.run(env, clock, "watch", tmp.resolve("nope").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).startsWith("kairos: ").contains("nope").doesNotContain("\n");
    }

    private JsonNode tick(Map<String, String> env) throws Exception {
        CliRun run = CliRun.run(env, clock, "tick", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.MAPPER.readTree(run.out());
    }
}
