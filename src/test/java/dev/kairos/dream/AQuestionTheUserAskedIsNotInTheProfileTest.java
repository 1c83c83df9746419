package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.memory.Journal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The profile in MEMORY.md says who the user is; what the user asked in chat says what they wanted to know. A
 * question (ending in '?', or opening like one without a full stop) is not a profile line, not even when it names a
 * day that is due; it stays a note of topics/user.md, so a search still finds what the user asked about.
 */
class AQuestionTheUserAskedIsNotInTheProfileTest {
    @TempDir Path home;

    @Test
    void questionsStayNotesButTheProfileSaysOnlyWhoTheUserIs() {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        Journal journal = new Journal(f.memory, ZoneOffset.UTC);
        say(journal, "2026-11-24T09:00:00Z", "I work night shifts as a nurse in Lyon.");
        say(journal, "2026-11-24T10:00:00Z", "Why did Maria sit with the little girl at the shelter event?");
        say(journal, "2026-11-24T10:05:00Z", "what kind of online group did John join");
        say(journal, "2026-11-24T10:10:00Z", "Is the dentist on 2026-11-28 still on?");

        assertThat(f.dream().run(false).outcome()).isEqualTo(DreamReport.Outcome.DREAMT);

        String index = f.read("MEMORY.md");
        assertThat(index).contains("- Who: I work night shifts as a nurse in Lyon.\n")
                .doesNotContain("Maria").doesNotContain("online group").doesNotContain("dentist");
        assertThat(f.read("topics/user.md")).as("the questions stay notes of the user's topic")
                .contains("user: Why did Maria sit with the little girl at the shelter event?")
                .contains("user: what kind of online group did John join")
                .contains("user: Is the dentist on 2026-11-28 still on?");

        f.clock.set(Instant.parse("2026-11-26T03:00:00Z"));
        assertThat(f.dream().run(false).outcome()).as("read back from topics/user.md, they stay out")
                .isEqualTo(DreamReport.Outcome.UNCHANGED);
    }

    /** As the agent journals a chat message. */
    private static void say(Journal journal, String at, String message) {
        Instant t = Instant.parse(at);
        journal.append(t, "user: " + message, "chat " + t.toEpochMilli() + " user");
    }
}
