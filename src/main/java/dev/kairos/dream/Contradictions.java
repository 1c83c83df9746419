package dev.kairos.dream;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts that one value at a time can hold (where someone lives, where they work), read without a model. Within a
 * topic the newest wins; an older one with another value is kept as past: "Until 2026-11-20: lives in Paris".
 */
final class Contradictions {
    /** A kind of fact and how a sentence states it; group 1 is the value. */
    private enum Kind {
        HOME("(?:live[sd]?|living|moved|relocated|moving)\\s+(?:back\\s+)?(?:in|to)"),
        WORK("(?:works?|working|started(?:\\s+working)?|joined|employed)\\s+(?:at|for)?");

        final Pattern pattern;

        Kind(String verb) {
            this.pattern = Pattern.compile("(?:^|\\b(?:I|[Ww]e|[Ss]he|[Hh]e|[Tt]hey|[Uu]ser|[A-Z]\\w+)(?:'ve|\\s+have|\\s+has)?"
                    + "\\s+(?:just\\s+|recently\\s+|now\\s+|finally\\s+)*)(?i:" + verb + ")\\s+"
                    + "((?:[A-Z][\\p{L}'-]+)(?:\\s+[A-Z][\\p{L}'-]+)*)");
        }
    }

    private record Fact(int index, Kind kind, String value) {}

    private Contradictions() {}

    /** The notes of one topic with each replaced fact turned past; returns how many were. */
    static int resolve(List<Note> notes) {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            Note n = notes.get(i);
            if (n.past()) continue;
            for (Kind k : Kind.values()) {
                int at = i;
                statement(Replies.said(n.text()), k).ifPresent(v -> facts.add(new Fact(at, k, v)));
            }
        }
        int turned = 0;
        for (Kind k : Kind.values()) {
            List<Fact> of = facts.stream().filter(f -> f.kind() == k)
                    .sorted(java.util.Comparator.comparing((Fact f) -> notes.get(f.index()).date())
                            .thenComparingInt(Fact::index))
                    .toList();
            for (int i = 0; i < of.size() - 1; i++) {
                Fact older = of.get(i);
                Optional<Fact> newer = of.subList(i + 1, of.size()).stream()
                        .filter(f -> !f.value().equalsIgnoreCase(older.value())).findFirst();
                if (newer.isEmpty()) continue;
                LocalDate until = notes.get(newer.get().index()).date();
                notes.set(older.index(), notes.get(older.index()).asPast(until));
                turned++;
            }
        }
        return turned;
    }

    private static Optional<String> statement(String text, Kind kind) {
        String body = text.replaceFirst("^\\p{L}{1,20}:\\s+", "");
        Matcher m = kind.pattern.matcher(body);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }
}
