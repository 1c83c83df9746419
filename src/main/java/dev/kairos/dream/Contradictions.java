package dev.kairos.dream;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Facts that one value at a time can hold, read without a model: where someone lives ("lives in", "moved to", "is
 * based in"), where they work ("works at", "joined", "got a job at"), and a possession that changed ("my manager is
 * now Priya" after "my manager is Alice"). Within a topic the newest wins; an older one with another value is kept
 * as past: "Until 2026-11-20: lives in Paris". A value is a name or a number ("my dog is cute" states no fact a
 * later "my dog is now 3" replaces).
 */
final class Contradictions {
    private static final String NAME = "((?:[A-Z][\\p{L}'-]+)(?:\\s+[A-Z][\\p{L}'-]+)*)";
    private static final String WHO = "(?:^|\\b(?:I|I'm|I am|[Ww]e|[Ww]e're|[Ss]he|[Hh]e|[Tt]hey|[Uu]ser|[A-Z]\\w+)"
            + "(?:'ve|'s|\\s+have|\\s+has|\\s+is|\\s+are)?\\s+(?:just\\s+|recently\\s+|now\\s+|finally\\s+)*)";

    /** A kind of fact and how a sentence states it: group 1 is the value, or the subject then the value. */
    private enum Kind {
        HOME(WHO + "(?i:live[sd]?|living|moved|relocated|moving|based)\\s+(?:back\\s+)?(?i:in|to)\\s+" + NAME),
        WORK(WHO + "(?i:works?|working|started(?:\\s+working)?|joined|employed|got\\s+a\\s+job|hired)"
                + "\\s+(?:(?i:at|for|with|by)\\s+)?" + NAME),
        /** "my manager is now Priya": keyed by what is possessed. */
        STATE("\\b((?i:my|our|his|her|their)\\s+[a-z][a-z'-]*(?:\\s+[a-z][a-z'-]*)?)\\s+(?:is|are)\\s+"
                + "(?:now\\s+)?(" + NAME.substring(1, NAME.length() - 1) + "|\\d[\\w:./-]*)");

        final Pattern pattern;

        Kind(String pattern) {
            this.pattern = Pattern.compile(pattern);
        }

        boolean keyed() {
            return this == STATE;
        }
    }

    /** {@code key}: what the value is of ("my manager"), or "" for a kind with one value per topic. */
    private record Fact(int index, Kind kind, String key, String value) {}

    private Contradictions() {}

    /** The notes of one topic with each replaced fact turned past; returns how many were. */
    static int resolve(List<Note> notes) {
        List<Fact> facts = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            Note n = notes.get(i);
            if (n.past()) continue;
            for (Kind k : Kind.values()) {
                statement(i, Replies.said(n.text()), k).ifPresent(facts::add);
            }
        }
        int turned = 0;
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        facts.forEach(f -> kinds.add(f.kind() + "\u0000" + f.key()));
        for (String k : kinds) {
            List<Fact> of = facts.stream().filter(f -> k.equals(f.kind() + "\u0000" + f.key()))
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

    private static Optional<Fact> statement(int index, String text, Kind kind) {
        String body = text.replaceFirst("^\\p{L}{1,20}:\\s+", "");
        Matcher m = kind.pattern.matcher(body);
        if (!m.find()) return Optional.empty();
        if (!kind.keyed()) return Optional.of(new Fact(index, kind, "", m.group(1)));
        String key = m.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("\\s+", " ");
        return Optional.of(new Fact(index, kind, key, m.group(2)));
    }
}
