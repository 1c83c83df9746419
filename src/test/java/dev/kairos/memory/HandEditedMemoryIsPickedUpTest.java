package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HandEditedMemoryIsPickedUpTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @TempDir
    Path tmp;

    private MemoryFixture f;

    @BeforeEach
    void setUp() {
        f = new MemoryFixture(tmp);
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void anEditedLineIsFoundAndADeletedLineIsGone() {
        f.write("topics/user.md", """
                # User

                - Prefers tabs over spaces in Go code (2026-11-20; chat:turn-12)
                - Drinks oolong tea every afternoon (2026-11-21; journal 2026-11-21 15:02)
                """);
        assertThat(f.memory.refresh()).isEqualTo(1);
        assertThat(texts(f.memory.search("oolong tea", 5, TODAY))).contains("Drinks oolong tea every afternoon");

        f.write("topics/user.md", """
                # User

                - Prefers tabs over spaces in Go code (2026-11-20; chat:turn-12)
                - Plays the cello on Sunday mornings (2026-11-24; chat:turn-40)
                """);
        int embeddedBefore = f.embedder.texts.get();
        assertThat(f.memory.refresh()).isEqualTo(1);
        // Only the new line was embedded; the unchanged one kept its vector.
        assertThat(f.embedder.texts.get() - embeddedBefore).isEqualTo(1);

        assertThat(texts(f.memory.search("oolong tea", 5, TODAY))).doesNotContain("Drinks oolong tea every afternoon");
        List<MemoryItem> cello = f.memory.search("cello", 5, TODAY);
        assertThat(cello.get(0).text()).isEqualTo("Plays the cello on Sunday mornings");
        assertThat(cello.get(0).provenance()).isEqualTo("chat:turn-40");
        assertThat(cello.get(0).date()).isEqualTo(LocalDate.parse("2026-11-24"));
        assertThat(cello.get(0).path()).isEqualTo("topics/user.md");
    }

    @Test
    void nothingChangedMeansNothingReread() {
        f.write("journal/2026-11-24.md", "# 2026-11-24\n\n- 09:15 Merged the parser fix (commit 4f2a9c1)\n");
        assertThat(f.memory.refresh()).isEqualTo(1);
        assertThat(f.memory.refresh()).isZero();
    }

    @Test
    void aDeletedFileLeavesTheIndex() throws IOException {
        Path file = f.write("journal/2026-11-24.md", "# 2026-11-24\n\n- 09:15 Merged the parser fix (commit 4f2a9c1)\n");
        f.memory.refresh();
        assertThat(texts(f.memory.search("parser fix", 5, TODAY))).contains("Merged the parser fix");

        Files.delete(file);
        assertThat(f.memory.refresh()).isEqualTo(1);
        assertThat(f.memory.search("parser fix", 5, TODAY)).isEmpty();
    }

    @Test
    void journalBulletsKeepTheirProvenanceAndTheDayOfTheirFile() {
        Journal journal = new Journal(f.memoryDir, java.time.ZoneOffset.UTC);
        journal.append(java.time.Instant.parse("2026-11-23T18:40:00Z"), "Ana",
                "The staging database moved to the new cluster", "chat:turn-7");
        f.memory.refresh();

        MemoryItem hit = f.memory.search("staging database cluster", 1, TODAY).get(0);
        assertThat(hit.text()).isEqualTo("Ana: The staging database moved to the new cluster");
        assertThat(hit.provenance()).isEqualTo("chat:turn-7");
        assertThat(hit.date()).isEqualTo(LocalDate.parse("2026-11-23"));
        assertThat(hit.path()).isEqualTo("journal/2026-11-23.md");
    }

    @Test
    void reindexRebuildsTheSameItemsFromTheFiles() {
        f.write("topics/project.md", "- The release train leaves every second Tuesday (2026-11-02; issue #41)\n");
        f.memory.refresh();
        List<String> before = texts(f.memory.search("release train", 5, TODAY));

        assertThat(f.memory.reindex()).isEqualTo(1);
        assertThat(texts(f.memory.search("release train", 5, TODAY))).isEqualTo(before);
    }

    private static List<String> texts(List<MemoryItem> items) {
        return items.stream().map(MemoryItem::text).toList();
    }
}
