package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat message carrying terminal escapes (retitle the window, clear the screen) is stored without them, and
 * `memory search` never prints a raw ESC or BEL, not even from a memory file edited by hand.
 */
class TerminalEscapesNeverReachTheJournalOrTheTerminalTest {
    private static final String ESCAPES = "\u001b]0;pwned\u0007\u001b[2J";

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void escapesAreNeitherStoredNorPrinted() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server)
                    .with("KAIROS_MODEL", "anthropic/claude-haiku-4-5").init(clock).env();
            server.enqueue(Reply.text("Noted the marimba \u001b[31mrecital\u001b[0m."));
            CliRun chat = CliRun.run(env, clock, "chat", ESCAPES + "The marimba recital is on Friday.");
            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertRaw(chat.out()).contains("marimba");

            String journal = Files.readString(home.resolve("memory/journal/2026-11-25.md"));
            assertRaw(journal).contains("The marimba recital is on Friday.");

            Files.writeString(home.resolve("memory/topics/user.md"),
                    "# User\n\n- Plays the marimba \u001b[2J\u009b31m loudly (2026-11-24; chat)\n");
            CliRun search = CliRun.run(env, clock, "memory", "search", "marimba");
            assertThat(search.exitCode()).as(search.err()).isZero();
            assertRaw(search.out()).contains("The marimba recital is on Friday.").contains("Plays the marimba");
        }
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertRaw(String text) {
        return assertThat(text).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u009b");
    }
}
