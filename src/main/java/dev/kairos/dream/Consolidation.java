package dev.kairos.dream;

import dev.kairos.memory.Embedder;
import dev.kairos.model.Usage;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The consolidation: per topic, small talk left out, near-duplicates folded into their most complete sentence (kept
 * verbatim, provenance joined), with a small model clusters of related new notes rewritten ({@link Rewrites}),
 * replaced facts kept as past, then the topic rendered oldest first under its cap; what passes the cap goes to
 * archive/topics/. Without a model, or past its token cap, it is deterministic and costs nothing.
 */
final class Consolidation {
    /**
     * A topic file past this many bytes sends its oldest notes to the archive. At 64 KB a chatty person's topic (LoCoMo
     * conv-41, eight months of chat, answers carrying their questions) lost its first months from every default
     * context; 128 KB holds it, and retrieval packs items, never whole files, so a turn does not grow with it.
     */
    static final int TOPIC_MAX_BYTES = 128 * 1024;
    private static final Pattern WORD = Pattern.compile("[\\p{L}']+");
    /** Words that carry no fact on their own: a line made only of them is small talk. */
    private static final Set<String> SMALL_TALK = Set.of(("hi hey hello hiya yo good morning evening afternoon night "
            + "day thanks thank thx you so much very lot a too ok okay k yes yeah yep no nope sure bye goodbye see ya "
            + "later soon cool great nice awesome wow lol haha ha hah oh ah hmm right indeed glad to be it is that's "
            + "that it's me i'm am well all the and same welcome care take have fun totally absolutely agreed").split(" "));

    record Result(Map<String, List<Note>> topics, Map<String, List<Note>> overflow, int merged, int pruned,
            int turnedPast, Usage usage, int rewritten) {}

    private final Clusters clusters;
    private final Rewrites rewrites;

    Consolidation(Embedder embedder) {
        this(embedder, Rewrites.none());
    }

    Consolidation(Embedder embedder, Rewrites rewrites) {
        this.clusters = new Clusters(embedder);
        this.rewrites = rewrites;
    }

    Result run(Gathered in) {
        Map<String, List<Note>> topics = new LinkedHashMap<>();
        Map<String, List<Note>> overflow = new LinkedHashMap<>();
        int merged = 0;
        int pruned = 0;
        int past = 0;
        for (Map.Entry<String, List<Note>> t : in.byTopic().entrySet()) {
            List<Note> notes = new ArrayList<>();
            for (Note n : t.getValue()) {
                if (!n.pinned() && !n.past() && smallTalk(n.text())) {
                    pruned++;
                } else {
                    notes.add(n);
                }
            }
            Clusters.Folded folded = clusters.fold(notes);
            merged += folded.merged();
            List<Note> kept = new ArrayList<>(rewrites.rewrite(in.titles().getOrDefault(t.getKey(), t.getKey()),
                    folded.notes()));
            kept.sort(Comparator.comparing(Note::date));
            past += Contradictions.resolve(kept);
            List<Note> spilled = new ArrayList<>();
            while (bytes(kept) > TOPIC_MAX_BYTES) {
                int oldest = indexOfOldestUnpinned(kept);
                if (oldest < 0) break;
                spilled.add(kept.remove(oldest));
            }
            if (!kept.isEmpty()) topics.put(t.getKey(), kept);
            if (!spilled.isEmpty()) overflow.put(t.getKey(), spilled);
        }
        return new Result(topics, overflow, merged, pruned, past, rewrites.spent(), rewrites.rewritten());
    }

    /** "Good to see you!", "Thanks so much!": every word small talk (a line with a number or a name is not). */
    static boolean smallTalk(String text) {
        String body = Replies.said(text).replaceFirst("^\\p{L}{1,20}:\\s+", "");
        if (body.matches("(?s).*\\d.*")) return false;
        var words = WORD.matcher(body).results().map(m -> m.group().toLowerCase(Locale.ROOT)).toList();
        return words.stream().allMatch(SMALL_TALK::contains);
    }

    /** A topic file as the dream writes it: the title, current notes oldest first, then what is past. */
    static String render(String title, List<Note> notes) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        notes.stream().filter(n -> !n.past()).forEach(n -> sb.append(n.line()));
        List<Note> past = notes.stream().filter(Note::past).toList();
        if (!past.isEmpty()) {
            sb.append("\n## Past\n\n");
            past.forEach(n -> sb.append(n.line()));
        }
        return sb.toString();
    }

    private static int bytes(List<Note> notes) {
        return notes.stream().mapToInt(n -> n.line().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    private static int indexOfOldestUnpinned(List<Note> notes) {
        for (int i = 0; i < notes.size(); i++) {
            if (!notes.get(i).pinned() && !notes.get(i).past()) return i;
        }
        return -1;
    }
}
