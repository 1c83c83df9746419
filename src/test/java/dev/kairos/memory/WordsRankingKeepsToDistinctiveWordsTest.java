package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.store.Store;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words ranking leaves out words found in a large share of the memory (here a speaker's name on every line),
 * ranks items holding every word when no word is distinctive, and never scores more than its cost bound.
 */
class WordsRankingKeepsToDistinctiveWordsTest {
    private static final String FILE = "journal/2026-11-20.md";

    @TempDir
    Path tmp;

    private MemoryIndex index;
    /** Item id by text, to name expectations. */
    private final Map<String, Long> ids = new HashMap<>();

    @AfterEach
    void tearDown() {
        if (index != null) index.close();
    }

    /** 600 lines, every one by Caroline; tea on every other line, a biscuit on every fourth, oolong on two. */
    private void sixHundredLines() {
        index(600, i -> "Caroline: line " + i
                + (i % 2 == 0 ? " about tea" : "")
                + (i % 4 == 1 || i % 8 == 0 ? " with a biscuit" : "")
                + (i == 100 || i == 500 ? " and oolong" : ""));
    }

    @Test
    void aWordOnMostLinesIsLeftOutWhenARarerWordIsThere() {
        sixHundredLines();

        List<Long> found = new WordSearch(index).rank(List.of("caroline", "oolong"), 150, true);

        // Plain BM25 over both words would return all 600 lines; only the two with the rare word say anything.
        assertThat(found).containsExactlyInAnyOrder(ids.get(textOf(100)), ids.get(textOf(500)));
    }

    @Test
    void whenNoWordIsDistinctiveTheLinesHoldingEveryWordAreRanked() {
        sixHundredLines();

        List<Long> found = new WordSearch(index).rank(List.of("tea", "biscuit"), 600, true);

        // tea is on 300 lines and biscuit on 225, both over a fifth of 600; 75 lines hold both.
        assertThat(found).hasSize(75);
        assertThat(found).allSatisfy(id -> assertThat(textById(id)).contains("tea").contains("biscuit"));
    }

    @Test
    void aSmallMemoryRanksByEveryWord() {
        index(100, i -> "Caroline: line " + i + " about tea" + (i == 7 ? " and oolong" : ""));

        List<Long> found = new WordSearch(index).rank(List.of("caroline", "tea", "oolong"), 150, true);

        assertThat(found).hasSize(100);
        assertThat(found.get(0)).isEqualTo(ids.get("Caroline: line 7 about tea and oolong"));
    }

    @Test
    void noMoreThanTheCostBoundIsScoredAndTheNewestMatchesAreTheOnesScored() {
        sixHundredLines();

        List<Long> found = new WordSearch(index, 50).rank(List.of("tea"), 600, true);

        List<Long> withTea = new ArrayList<>(ids.entrySet().stream().filter(e -> e.getKey().contains("tea"))
                .map(Map.Entry::getValue).toList());
        withTea.sort(Collections.reverseOrder());
        assertThat(found).hasSize(50).containsExactlyInAnyOrderElementsOf(withTea.subList(0, 50));
    }

    private String textOf(int i) {
        return ids.keySet().stream().filter(t -> t.startsWith("Caroline: line " + i + " ")).findFirst().orElseThrow();
    }

    private String textById(long id) {
        return ids.entrySet().stream().filter(e -> e.getValue() == id).findFirst().orElseThrow().getKey();
    }

    private void index(int n, IntFunction<String> line) {
        index = new MemoryIndex(Store.open(tmp.resolve("state.db")).jdbi());
        List<Entry> entries = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new Entry(FILE, i + 3, LocalDate.parse("2026-11-20"), line.apply(i), "chat:" + i,
                    dev.kairos.event.Trust.TRUSTED));
            hashes.add(Hashes.sha256(line.apply(i)));
        }
        index.apply(List.of(new MemoryIndex.Replacement(FILE, new MemoryIndex.Stamp(1, 1, "h"), entries, hashes,
                Collections.nCopies(n, null))), List.of());
        Map<Long, MemoryIndex.Row> rows = index.rows(index.recent(n, true));
        rows.values().forEach(r -> ids.put(r.text(), r.id()));
        assertThat(ids).hasSize(n);
    }
}
