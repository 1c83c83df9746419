package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a dream, a journal day still in its retention period and the topic note the dream made of it say the same
 * thing from the same source, though the note's words differ ("yesterday [2023-05-07]"): a pack holds one of them,
 * never both, and the room the copy would have taken goes to another fact.
 */
class JournalLineAndItsTopicNoteArePackedOnceTest {
    @TempDir Path tmp;

    @Test
    void aNoteNamingTheJournalLinesSourceIsTheSameMemory() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            f.write("journal/2023-05-08.md", "# 2023-05-08\n\n"
                    + "- 13:56 Caroline: I went to a LGBTQ support group yesterday and it was so powerful. (D1:3)\n"
                    + "- 13:57 Melanie: Wow, that's cool, Caroline! What happened that was so awesome? (D1:4)\n"
                    + "- 13:58 Caroline: The transgender stories were so inspiring! (D1:5)\n");
            f.write("topics/caroline.md", "# Caroline\n\n"
                    + "- Caroline: I went to a LGBTQ support group yesterday [2023-05-07] and it was so powerful. "
                    + "(2023-05-08; D1:3)\n"
                    + "- Caroline: The transgender stories were so inspiring! (2023-05-08; D1:5)\n");
            f.memory.reindex();
            LocalDate today = LocalDate.of(2023, 5, 9);

            PackedMemory packed = f.memory.pack("When did Caroline go to the LGBTQ support group?", 2000, today);

            List<String> sources = packed.items().stream().map(MemoryItem::provenance).toList();
            assertThat(sources).containsOnlyOnce("D1:3").containsOnlyOnce("D1:5").contains("D1:4");
            assertThat(f.memory.search("LGBTQ support group", 10, today)).extracting(MemoryItem::provenance)
                    .containsOnlyOnce("D1:3");
        }
    }
}
