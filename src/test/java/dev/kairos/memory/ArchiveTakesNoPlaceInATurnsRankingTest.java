package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * archive/ grows with every dream and is in no turn's context. Ranked with the rest and dropped only afterwards, its
 * items took the places of the default context's own: two hundred archived lines that match a question better than
 * the one topic note that answers it left that note out of the ranking, and the turn got nothing. A search on
 * request still finds the archive.
 */
class ArchiveTakesNoPlaceInATurnsRankingTest {
    @TempDir Path tmp;

    @Test
    void aTopicNoteIsPackedThoughTheArchiveHoldsBetterMatches() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            StringBuilder old = new StringBuilder("# 2022-01-10\n\n");
            for (int i = 0; i < 200; i++) {
                old.append("- 10:").append(String.format("%02d", i % 60)).append(" Oolong tea, oolong tea, cup ")
                        .append(i).append(". (A:").append(i).append(")\n");
            }
            f.write("archive/journal/2022-01-10.md", old.toString());
            f.write("topics/caroline.md", "# Caroline\n\n"
                    + "- Caroline drinks a pot of oolong tea with her sister every Sunday. (2023-02-01; D9:4)\n");
            f.memory.reindex();
            LocalDate today = LocalDate.of(2023, 3, 1);

            PackedMemory packed = f.memory.pack("oolong tea", 2000, today);

            assertThat(packed.items()).extracting(MemoryItem::provenance).containsExactly("D9:4");
            assertThat(f.memory.search("oolong tea", 5, today)).extracting(MemoryItem::path)
                    .contains("archive/journal/2022-01-10.md");
        }
    }
}
