package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HybridSearchFindsByWordsAndMeaningTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-11-25");

    @TempDir
    Path tmp;

    private MemoryFixture f;

    @BeforeEach
    void setUp() {
        f = new MemoryFixture(tmp);
        f.write("topics/user.md", """
                # User

                - Adopted a golden retriever puppy called Biscuit (2026-10-03; chat:turn-88)
                - Works on the billing service in Rust (2026-09-14; chat:turn-12)
                - Allergic to peanuts (2026-08-01; chat:turn-3)
                """);
        f.write("journal/2026-11-20.md", """
                # 2026-11-20

                - 10:02 CI failed on kairos#212: flaky TimeoutIT in the scheduler module (event github:check_run/991)
                - 14:30 Renewed the TLS certificate for staging.example.org (commit 9e1b2c3)
                - 16:45 Booked flights to Lisbon for the December offsite (chat:turn-140)
                """);
        f.memory.refresh();
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void findsAFactByItsWords() {
        MemoryItem hit = f.memory.search("TimeoutIT flaky", 3, TODAY).get(0);
        assertThat(hit.text()).startsWith("CI failed on kairos#212");
        assertThat(hit.provenance()).isEqualTo("event github:check_run/991");
        assertThat(hit.date()).isEqualTo(LocalDate.parse("2026-11-20"));
        assertThat(hit.path()).isEqualTo("journal/2026-11-20.md");
    }

    @Test
    void findsAFactByItsMeaningWithNoWordInCommon() {
        // No word of the query appears in the item: only the embedding can find it.
        MemoryItem hit = f.memory.search("which dog does the user own", 1, TODAY).get(0);
        assertThat(hit.text()).isEqualTo("Adopted a golden retriever puppy called Biscuit");
        assertThat(hit.provenance()).isEqualTo("chat:turn-88");
        assertThat(hit.date()).isEqualTo(LocalDate.parse("2026-10-03"));
    }

    @Test
    void wordsAloneMissWhatMeaningFinds() {
        assertThat(f.memory.search("which dog does the user own", 3, TODAY, Ranking.WORDS))
                .noneMatch(i -> i.text().contains("golden retriever"));
        assertThat(f.memory.search("which dog does the user own", 1, TODAY, Ranking.MEANING).get(0).text())
                .contains("golden retriever");
    }

    @Test
    void aQueryNamingAMonthPrefersItemsFromThatMonth() {
        f.write("journal/2026-07-02.md", "# 2026-07-02\n\n- 11:00 Renewed the TLS certificate for prod.example.org (commit 1a2b3c4)\n");
        f.memory.refresh();
        assertThat(f.memory.search("TLS certificate renewed in July", 1, TODAY).get(0).provenance())
                .isEqualTo("commit 1a2b3c4");
        assertThat(f.memory.search("TLS certificate renewed in November", 1, TODAY).get(0).provenance())
                .isEqualTo("commit 9e1b2c3");
    }

    @Test
    void nearCopiesOfOneFactAreShownOnce() {
        f.write("topics/project.md", """
                - The deploy freeze starts on December 18 (2026-11-01; chat:turn-201)
                - The deploy freeze starts on December 18. (2026-11-02; chat:turn-230)
                - the deploy freeze starts on december 18 (2026-11-03; chat:turn-251)
                - The deploy freeze starts on the 18th of December (2026-11-04; chat:turn-260)
                - The deploy freeze begins December 18 (2026-11-05; chat:turn-270)
                - Deploys need two approvals during the freeze (2026-11-05; chat:turn-271)
                """);
        f.memory.refresh();

        List<MemoryItem> hybrid = f.memory.search("when does the deploy freeze start", 4, TODAY);
        assertThat(hybrid.stream().filter(i -> i.text().toLowerCase().contains("freeze starts")
                || i.text().contains("freeze begins"))).hasSize(1);
        assertThat(hybrid).anyMatch(i -> i.text().startsWith("Deploys need two approvals"));
        // Without the diversity step the copies would crowd the top.
        assertThat(f.memory.search("when does the deploy freeze start", 4, TODAY, Ranking.WORDS)
                .stream().filter(i -> i.text().toLowerCase().contains("freeze start"))).hasSizeGreaterThan(2);
    }

    @Test
    void rememberedFactsAreSearchableAtOnceWithDateAndProvenanceAndNoSecrets() throws Exception {
        MemoryItem kept = f.memory.remember(Topic.PROJECT,
                "The staging deploy key is sk-proj-abcdefghijklmnopqrstuvwxyz0123", "chat:turn-300",
                Instant.parse("2026-11-25T09:30:00Z"));
        assertThat(kept.text()).doesNotContain("abcdefghijklmnop").contains("[REDACTED]");
        assertThat(java.nio.file.Files.readString(f.memoryDir.resolve("topics/project.md")))
                .contains("(2026-11-25; chat:turn-300)")
                .doesNotContain("abcdefghijklmnop");

        MemoryItem hit = f.memory.search("staging deploy key", 1, TODAY).get(0);
        assertThat(hit.provenance()).isEqualTo("chat:turn-300");
        assertThat(hit.date()).isEqualTo(TODAY);
    }

    @Test
    void getReadsLinesAndStaysInsideTheMemoryFolder() {
        assertThat(f.memory.get("topics/user.md", 3, 1))
                .isEqualTo("- Adopted a golden retriever puppy called Biscuit (2026-10-03; chat:turn-88)\n");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> f.memory.get("../state.db", 1, 10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the memory folder");
    }
}
