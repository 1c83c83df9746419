package dev.kairos.bench;

import dev.kairos.memory.MemoryItem;
import dev.kairos.memory.PackedMemory;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which evidence turns a packed context holds. A turn counts when its text is there: verbatim (letters and digits
 * compared, case aside), or in an item that rewrites it and names it in its provenance, a rewrite keeping at least
 * half of the turn's content words. An item that only lists a turn in its provenance, without its content, does not
 * count: a summary that names its sources is not what they said.
 */
final class PackedEvidence {
    /** A rewrite keeps at least this share of the turn's content words. */
    static final double REWRITE_SHARE = 0.5;
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Pattern PROVENANCE_SPLIT = Pattern.compile("[\\s,;]+");
    private static final Set<String> STOP = Set.of(("the and you your that this with for are was were have has had "
            + "but not what when how all just they them then there their its been being from into "
            + "about really very so too can could would will did does yeah yes").split(" "));

    /** Each turn's text as the journal holds it ("Speaker: text"), normalised, by dia_id. */
    private final Map<String, String> turns = new HashMap<>();

    PackedEvidence(LocomoData.Conversation c) {
        c.sessions().forEach(s -> s.turns().forEach(t -> turns.put(t.diaId(), normalised(t.speaker() + ": " + t.text()))));
    }

    /** The share of {@code evidence} the context holds. */
    double recall(PackedMemory packed, Collection<String> evidence) {
        if (evidence.isEmpty()) return 0;
        return (double) held(packed, evidence).size() / evidence.size();
    }

    Set<String> held(PackedMemory packed, Collection<String> evidence) {
        String all = " " + normalised(packed.text()) + " ";
        Set<String> out = new LinkedHashSet<>();
        for (String id : evidence) {
            String turn = turns.get(id);
            if (turn == null) continue;
            if (!turn.isEmpty() && all.contains(" " + turn + " ")) {
                out.add(id);
                continue;
            }
            for (MemoryItem item : packed.items()) {
                if (names(item, id) && rewrites(item.text(), turn)) {
                    out.add(id);
                    break;
                }
            }
        }
        return out;
    }

    private static boolean names(MemoryItem item, String id) {
        return Arrays.asList(PROVENANCE_SPLIT.split(item.provenance())).contains(id);
    }

    /** At least half of the turn's content words are in the item (the speaker's name aside). */
    static boolean rewrites(String itemText, String normalisedTurn) {
        List<String> words = content(normalisedTurn.replaceFirst("^\\S+ ", ""));
        if (words.isEmpty()) return false;
        Set<String> in = Set.copyOf(Arrays.asList(normalised(itemText).split(" ")));
        long kept = words.stream().filter(in::contains).count();
        return kept >= REWRITE_SHARE * words.size();
    }

    private static List<String> content(String normalised) {
        return Arrays.stream(normalised.split(" ")).filter(w -> w.length() > 2 && !STOP.contains(w)).distinct().toList();
    }

    static String normalised(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }
}
