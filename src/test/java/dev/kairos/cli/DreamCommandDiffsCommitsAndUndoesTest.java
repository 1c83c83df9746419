package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** As a user tries it: `dream --dry-run` changes nothing, `dream` commits its report, `dream undo` brings files back. */
class DreamCommandDiffsCommitsAndUndoesTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T03:00:00Z");

    @Test
    void dryRunThenDreamThenUndo() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC");
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
        Path journal = home.resolve("memory/journal/2026-11-24.md");
        Files.writeString(journal, "# 2026-11-24\n\n- 09:00 user: I moved to Berlin last month. (chat 1 user)\n"
                + "- 09:01 kairos: Noted. (chat 1 kairos)\n");
        String journalBefore = Files.readString(journal);

        CliRun dry = CliRun.run(env, clock, "dream", "--dry-run");
        assertThat(dry.exitCode()).as(dry.err()).isZero();
        assertThat(dry.out()).contains("+++ b/topics/user.md").contains("+- user: I moved to Berlin last month "
                + "[2026-10]. (2026-11-24; chat 1 user)").contains("dry run: nothing written");
        assertThat(Files.exists(home.resolve("memory/topics/user.md"))).isFalse();
        assertThat(commits()).isEqualTo(1);

        CliRun dreamt = CliRun.run(env, clock, "dream", "--json");
        assertThat(dreamt.exitCode()).as(dreamt.err()).isZero();
        JsonNode r = Json.MAPPER.readTree(dreamt.out());
        assertThat(r.get("outcome").asText()).isEqualTo("dreamt");
        assertThat(r.get("tokens").asLong()).isZero();
        try (Git git = Git.open(home.resolve("memory").toFile())) {
            assertThat(git.log().setMaxCount(1).call().iterator().next().getFullMessage()).startsWith("Dream ")
                    .contains("topics: user");
        }
        assertThat(Files.readString(home.resolve("memory/topics/user.md"))).contains("I moved to Berlin");
        JsonNode costs = Json.MAPPER.readTree(CliRun.run(env, clock, "costs", "--json").out());
        assertThat(costs.get("days").get(0).get("byKind").has("dream")).as("the dream's own ledger line").isTrue();

        CliRun undo = CliRun.run(env, clock, "dream", "undo");
        assertThat(undo.exitCode()).as(undo.err()).isZero();
        assertThat(undo.out()).startsWith("undid the dream");
        assertThat(Files.exists(home.resolve("memory/topics/user.md"))).isFalse();
        assertThat(Files.readString(journal)).isEqualTo(journalBefore);

        assertThat(CliRun.run(env, clock, "dream", "--help").out()).contains("--dry-run").contains("undo")
                .contains("pinned");
    }

    private int commits() throws Exception {
        try (Git git = Git.open(home.resolve("memory").toFile())) {
            int n = 0;
            for (var ignored : git.log().call()) n++;
            return n;
        }
    }
}
