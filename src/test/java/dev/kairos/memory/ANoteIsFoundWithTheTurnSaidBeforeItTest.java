package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a dream, each speaker's lines live in their own topic, and the journal day they came from is in archive/. An
 * answer that shares no word with the question ("Wow, they're so graceful!" to a question about the dancers) was
 * found through the line before it in the journal; in the topics that line lives in another file. The archived
 * journal keeps the order, so the answer's note is still packed beside the note of the line before it, while the
 * archived lines themselves stay out of the pack.
 */
class ANoteIsFoundWithTheTurnSaidBeforeItTest {
    @TempDir Path tmp;

    @Test
    void theNoteOfTheNextTurnIsPackedThoughItSharesNoWordWithTheQuestion() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            f.write("archive/journal/2023-01-20.md", "# 2023-01-20\n\n"
                    + "- 16:04 Jon: I rehearsed with a small group of dancers after work, contemporary to hip-hop. (D1:24)\n"
                    + "- 16:05 Gina: Wow, it looks awesome! Are they yours? They're so graceful! (D1:25)\n"
                    + "- 16:06 Jon: Yeah, they perform at the festival next month. (D1:26)\n");
            f.write("topics/jon.md", "# Jon\n\n"
                    + "- Jon: I rehearsed with a small group of dancers after work, contemporary to hip-hop. "
                    + "(2023-01-20; D1:24)\n"
                    + "- Jon: Yeah, they perform at the festival next month. (2023-01-20; D1:26)\n");
            f.write("topics/gina.md", "# Gina\n\n"
                    + "- Gina: Wow, it looks awesome! Are they yours? They're so graceful! (2023-01-20; D1:25)\n");
            f.memory.reindex();

            PackedMemory packed = f.memory.pack("Who rehearsed with the dancers after work?", 2000,
                    LocalDate.of(2023, 3, 1));

            assertThat(packed.items()).extracting(MemoryItem::path).contains("topics/gina.md")
                    .noneMatch(p -> p.startsWith("archive/"));
            assertThat(packed.items()).extracting(MemoryItem::provenance).containsOnlyOnce("D1:24")
                    .containsOnlyOnce("D1:25");
        }
    }
}
