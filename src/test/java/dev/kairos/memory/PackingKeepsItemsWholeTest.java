package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.model.Tokens;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackingKeepsItemsWholeTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @TempDir
    Path tmp;

    @Test
    void neverExceedsTheBudgetAndNeverCutsAnItem() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            Journal journal = new Journal(f.memoryDir, ZoneOffset.UTC);
            Instant day = Instant.parse("2026-11-01T10:00:00Z");
            String[] plants = {"tomatoes", "basil", "chard", "beans", "leeks", "mint"};
            for (int i = 0; i < 60; i++) {
                // Each text carries its own numbers, so none is a near-copy of another.
                String text = "Watered the " + plants[i % plants.length] + " in bed " + i + " of the garden, "
                        + "checked the soil and noted " + (i * 7) + " leaves; ".repeat(1 + i % 5) + "all fine";
                journal.append(day.plusSeconds(86_400L * (i % 10)), i % 2 == 0 ? "Ana" : "Ben", text, "chat:turn-" + i);
            }
            f.memory.refresh();

            for (int budget : new int[] {0, 5, 20, 57, 100, 333, 1000, 5000}) {
                PackedMemory packed = f.memory.pack("watering the garden beds", budget, TODAY);
                assertThat(packed.tokens()).as("budget %d", budget).isLessThanOrEqualTo(budget);
                assertThat(packed.tokens()).isEqualTo(Tokens.count(packed.text()));
                for (MemoryItem item : packed.items()) {
                    assertThat(packed.text()).contains("- " + item.text() + " (" + item.provenance() + ")\n");
                    assertThat(packed.text()).contains("## " + item.date() + "\n");
                }
            }
            assertThat(f.memory.pack("watering the garden beds", 1000, TODAY).items()).hasSizeGreaterThan(5);
            // Room for all: all are packed, by a ranking that has no relevance floor (hybrid stops where it ends).
            assertThat(f.memory.pack("watering the garden beds", 100_000, TODAY, Ranking.MEANING).items()).hasSize(60);
        }
    }

    @Test
    void packsOldestFirstWhateverTheRank() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            f.write("journal/2026-11-02.md", "# 2026-11-02\n\n- 09:00 Ana: the heat pump makes a rattling noise (chat:turn-1)\n");
            f.write("journal/2026-11-20.md", "# 2026-11-20\n\n- 09:00 Ana: the technician replaced the heat pump fan, no more rattling (chat:turn-9)\n");
            f.memory.refresh();

            PackedMemory packed = f.memory.pack("heat pump rattling noise", 500, TODAY);
            assertThat(packed.items()).extracting(MemoryItem::provenance).containsExactly("chat:turn-1", "chat:turn-9");
            assertThat(packed.text()).isEqualTo("""
                    ## 2026-11-02
                    - Ana: the heat pump makes a rattling noise (chat:turn-1)
                    ## 2026-11-20
                    - Ana: the technician replaced the heat pump fan, no more rattling (chat:turn-9)
                    """);
        }
    }

    @Test
    void theIndexFileIsNotPackedBecauseItIsInThePrefixAlready() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            f.memory.writeIndex("- Heat pump: see topics/project.md\n");
            f.write("topics/project.md", "- The heat pump was serviced in October (2026-10-12; chat:turn-4)\n");
            f.memory.refresh();

            assertThat(f.memory.search("heat pump", 5, TODAY)).anyMatch(i -> i.path().equals("MEMORY.md"));
            assertThat(f.memory.pack("heat pump", 500, TODAY).items()).noneMatch(i -> i.path().equals("MEMORY.md"));
        }
    }
}
