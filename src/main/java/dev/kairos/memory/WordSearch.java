package dev.kairos.memory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Search by words: BM25 over the FTS5 index, on the query's distinctive words only. A word found in a large share of
 * the items (a speaker's name in a chat history, "like", "really") says little about which of them the query wants,
 * yet it floods the ranking: every item holding it is scored, and the items that hold the distinctive words are
 * pushed apart by it. So the rarest words are kept while the items they find stay within a budget (a fifth of the
 * index), and the commoner ones are left out. When even the rarest word is that common, the items holding every word
 * are ranked instead.
 *
 * <p>The budget also bounds the cost: FTS5 scores every item found (about 2 µs each on one core), so it is never more
 * than {@link #MOST_SCORED} items, and at most that many of the newest matches are scored in any case.
 */
final class WordSearch {
    /** Items scored at most per query: some 20 ms on one core of a small machine. */
    static final int MOST_SCORED = 10_000;
    /** The least budget; and a memory this small is ranked by every word: among tens of items rarity says little. */
    private static final int FEWEST = 100;
    /** The budget is this share of the index (measured on LoCoMo's development half: a tenth to a third all help). */
    private static final int SHARE_DIVISOR = 5;

    private final MemoryIndex index;
    private final int mostScored;

    WordSearch(MemoryIndex index) {
        this(index, MOST_SCORED);
    }

    WordSearch(MemoryIndex index, int mostScored) {
        this.index = index;
        this.mostScored = mostScored;
    }

    /** Item ids best first, at most {@code limit}; archive/ left out unless {@code withArchive}. */
    List<Long> rank(List<String> words, int limit, boolean withArchive) {
        if (words.isEmpty()) return List.of();
        return index.words(expression(words), mostScored, limit, withArchive);
    }

    /** The FTS5 expression for these words: any of the distinctive ones, or all of them when none is. */
    String expression(List<String> words) {
        int items = index.count();
        int budget = Math.max(FEWEST, Math.min(mostScored, items / SHARE_DIVISOR));
        // A small memory, or words that cannot find more items than the budget however they are spread: keep them all.
        if (items <= FEWEST || (long) items * words.size() <= budget) return anyOf(words);
        record Counted(String word, int items) {}
        int[] counts = index.matches(words.stream().map(WordSearch::quoted).toList(), budget + 1);
        List<Counted> rarestFirst = new ArrayList<>(words.size());
        for (int i = 0; i < counts.length; i++) rarestFirst.add(new Counted(words.get(i), counts[i]));
        rarestFirst.sort(Comparator.comparingInt(Counted::items));
        if (rarestFirst.get(0).items() > budget) return allOf(words);
        Set<String> kept = new HashSet<>();
        int found = 0;
        for (Counted c : rarestFirst) {
            if (found + c.items() > budget) break;
            kept.add(c.word());
            found += c.items();
        }
        // In the query's order: BM25 adds up its words' scores in that order, so near-ties break the same way.
        return anyOf(words.stream().filter(kept::contains).toList());
    }

    /** Quoted, so nothing in a query is FTS5 syntax. */
    private static String quoted(String word) {
        return '"' + word.replace("\"", "") + '"';
    }

    private static String anyOf(List<String> words) {
        return join(words, " OR ");
    }

    private static String allOf(List<String> words) {
        return join(words, " AND ");
    }

    private static String join(List<String> words, String operator) {
        List<String> quoted = new ArrayList<>(words.size());
        for (String w : words) quoted.add(quoted(w));
        return String.join(operator, quoted);
    }
}
