package dev.kairos.memory;

import dev.kairos.event.Trust;
import dev.kairos.event.Untrusted;
import dev.kairos.model.Tokens;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Fills a token budget with whole items, best ranked first, and renders them oldest first under one heading a
 * day. An item that does not fit is skipped, never cut: half a fact can mislead the model more than no fact.
 * Packing stops early where the ranking stops being relevant: past the head of the ranking, an item scoring under
 * a share of the head's mean score ends it, and the budget is left unspent.
 */
final class Packer {
    /** Below this many tokens left, no item would fit. */
    private static final int SMALLEST_ITEM = 6;
    /**
     * How many of the best items admitted anchor the relevance floor. Their mean, not the best alone: an item on a
     * day the query names counts double, and one such item would raise the floor for all (measured on LoCoMo's
     * development half: the mean of three packed 30 fewer tokens than the best alone, for the same recall).
     */
    static final int HEAD = 3;

    private Packer() {}

    /** A ranked candidate with its place in the files, for the stable order of the rendering. */
    record Candidate(long id, MemoryItem item, int line, int tokens) {}

    /**
     * Packs {@code ranked} into {@code budget} tokens. Once {@link #HEAD} items are in, a candidate scoring under
     * {@code relevantShare} of their mean score ends the packing; 0 fills the budget whatever the scores.
     */
    static PackedMemory pack(List<Candidate> ranked, int budget, double relevantShare, Predicate<Candidate> admit) {
        if (budget <= 0) return PackedMemory.EMPTY;
        List<Candidate> chosen = new ArrayList<>();
        java.util.Set<LocalDate> days = new java.util.HashSet<>();
        int used = 0;
        double floor = 0;
        for (Candidate c : ranked) {
            if (budget - used < SMALLEST_ITEM || c.item().score() < floor) break;
            int cost = c.tokens();
            boolean newDay = !days.contains(c.item().date());
            if (newDay) cost += Tokens.count(heading(c.item().date()));
            if (used + cost > budget || !admit.test(c)) continue;
            chosen.add(c);
            days.add(c.item().date());
            used += cost;
            if (chosen.size() == HEAD) {
                floor = relevantShare * chosen.stream().mapToDouble(h -> h.item().score()).average().orElse(0);
            }
        }
        // Pieces counted apart can differ by a token from the whole: check the whole, drop the weakest if over.
        while (true) {
            PackedMemory packed = render(chosen);
            if (packed.tokens() <= budget) return packed;
            chosen.remove(chosen.size() - 1);
        }
    }

    static PackedMemory render(List<Candidate> chosen) {
        List<Candidate> ordered = new ArrayList<>(chosen);
        ordered.sort(Comparator.comparing((Candidate c) -> c.item().date())
                .thenComparing(c -> c.item().path())
                .thenComparingInt(Candidate::line));
        StringBuilder text = new StringBuilder();
        LocalDate day = null;
        List<MemoryItem> items = new ArrayList<>(ordered.size());
        for (Candidate c : ordered) {
            if (!c.item().date().equals(day)) {
                day = c.item().date();
                text.append(heading(day));
            }
            text.append(line(c.item()));
            items.add(c.item());
        }
        String rendered = text.toString();
        return new PackedMemory(items, rendered, Tokens.count(rendered));
    }

    private static String heading(LocalDate day) {
        return "## " + day + "\n";
    }

    private static String line(MemoryItem item) {
        return line(item.text(), item.provenance(), item.trust());
    }

    /** Someone else's text is fenced, so the model reads it as data; the fence cannot be closed from inside. */
    private static String line(String text, String provenance, Trust trust) {
        String shown = trust == Trust.TRUSTED ? text : Untrusted.fence(text);
        return "- " + shown + " (" + provenance + ")\n";
    }

    /** The tokens an item's line takes in the rendering; counted once, when the item is indexed. */
    static int lineTokens(String text, String provenance, Trust trust) {
        return Tokens.count(line(text, provenance, trust));
    }
}
