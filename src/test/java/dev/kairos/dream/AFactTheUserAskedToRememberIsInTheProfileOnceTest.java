package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.memory.Topic;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Please remember this: X" reaches memory twice: the chat message in the journal, and the note "X" the remember
 * tool writes to topics/user.md. The dream keeps the note, once in the topic and once in the profile, and not the
 * request (the journal still holds it), even though the dream dated the request's "last week" and not the note's.
 * A request the remember tool did not act on is kept, and the profile gives its fact without "Please remember".
 */
class AFactTheUserAskedToRememberIsInTheProfileOnceTest {
    private static final String FACT = "My sister Ana moved to Porto last week and works at the harbour office.";
    private static final String UNNOTED = "My dentist is Dr. Okafor on Rue Saint-Jean.";

    @TempDir Path home;

    @Test
    void theRememberedNoteIsKeptAndTheRequestForItIsNot() throws Exception {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        Journal journal = new Journal(f.memory, ZoneOffset.UTC);
        Instant asked = Instant.parse("2026-11-24T18:05:00Z");
        journal.append(asked, "user: Please remember this: " + FACT, "chat " + asked.toEpochMilli() + " user");
        try (Memory memory = new Memory(f.memory, f.store.jdbi(), ZoneOffset.UTC, DreamFixture.EMBEDDER)) {
            memory.remember(Topic.USER, FACT, "chat", asked.plusSeconds(2));
        }
        Instant later = Instant.parse("2026-11-24T19:00:00Z");
        journal.append(later, "user: Please remember this: " + UNNOTED, "chat " + later.toEpochMilli() + " user");

        assertThat(f.dream().run(false).outcome()).isEqualTo(DreamReport.Outcome.DREAMT);

        String index = f.read("MEMORY.md");
        assertThat(occurrences(index, "Ana moved to Porto")).as(index).isEqualTo(1);
        assertThat(index).doesNotContain("Please remember");
        String who = index.lines().filter(l -> l.startsWith("- Who: ")).findFirst().orElseThrow();
        assertThat(who.substring("- Who: ".length()).split("; ")).containsExactlyInAnyOrder(FACT, UNNOTED);
        String user = f.read("topics/user.md");
        assertThat(occurrences(user, "Ana moved to Porto")).as(user).isEqualTo(1);
        assertThat(user).contains("- " + FACT + " (2026-11-24; chat)")
                .contains("- user: Please remember this: " + UNNOTED);
        assertThat(f.read("journal/2026-11-24.md")).as("the journal keeps what the user said")
                .contains("user: Please remember this: " + FACT);

        f.clock.set(Instant.parse("2026-11-26T03:00:00Z"));
        assertThat(f.dream().run(false).outcome()).as("a second dream finds nothing to change")
                .isEqualTo(DreamReport.Outcome.UNCHANGED);
    }

    private static int occurrences(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) n++;
        return n;
    }
}
