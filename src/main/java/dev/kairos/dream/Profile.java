package dev.kairos.dream;

import dev.kairos.model.Tokens;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The standing profile at the head of the dream's part of MEMORY.md: who the user is, what is in flight, what is due
 * in the next two weeks. MEMORY.md rides in every request, so the profile holds only trusted statements (never a
 * question, never a note made past), each fact once (one that is due is not also in flight), and it is bounded: at
 * most {@value #WHO} facts about the user, {@value #IN_FLIGHT} in flight and {@value #DUE} due, each clipped to
 * {@value #ITEM_CHARS} characters, and never more than {@value #MAX_TOKENS} tokens as rendered, heading included
 * (an item that would pass that is left out; each line gets its first item before any gets its second).
 */
final class Profile {
    private static final int MAX_TOKENS = 150;
    private static final int ITEM_CHARS = 100;
    private static final String HEADING = "## Profile\n\n";
    private static final int WHO = 3;
    private static final int IN_FLIGHT = 2;
    private static final int DUE = 2;
    private static final int DUE_DAYS = 14;
    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");

    private Profile() {}

    /** The profile as MEMORY.md holds it, heading included, or "" when there is nothing to say. */
    static String render(Map<String, List<Note>> topics, LocalDate today) {
        Set<String> seen = new HashSet<>();
        List<String> who = newest(topics.getOrDefault("user", List.of()), WHO, seen);
        List<String> due = due(topics, today, seen); // a fact that is due is said there, not in flight
        List<String> inFlight = newest(topics.getOrDefault("project", List.of()), IN_FLIGHT, seen);
        List<Labelled> profile = List.of(new Labelled("Who", new ArrayList<>()),
                new Labelled("In flight", new ArrayList<>()), new Labelled("Due", new ArrayList<>()));
        List<List<String>> wanted = List.of(who, inFlight, due);
        int most = wanted.stream().mapToInt(List::size).max().orElse(0);
        for (int rank = 0; rank < most; rank++) {
            for (int line : new int[] {0, 2, 1}) { // who, then due, then in flight
                if (rank >= wanted.get(line).size()) continue;
                List<String> items = profile.get(line).items();
                items.add(wanted.get(line).get(rank));
                if (Tokens.count(text(profile)) > MAX_TOKENS) items.removeLast();
            }
        }
        return text(profile);
    }

    private record Labelled(String label, List<String> items) {}

    private static String text(List<Labelled> lines) {
        StringBuilder sb = new StringBuilder();
        for (Labelled l : lines) {
            if (!l.items().isEmpty()) sb.append("- ").append(l.label()).append(": ")
                    .append(String.join("; ", l.items())).append('\n');
        }
        return sb.isEmpty() ? "" : HEADING + sb + "\n";
    }

    /** The newest {@code n} facts among {@code notes} not {@code seen} yet (which then holds them too). */
    private static List<String> newest(List<Note> notes, int n, Set<String> seen) {
        return notes.stream().filter(Profile::standing).sorted(Comparator.comparing(Note::date).reversed())
                .filter(x -> seen.add(Utterance.key(x.text()))).limit(n).map(x -> clip(Utterance.fact(x.text())))
                .toList();
    }

    /** Facts not {@code seen} yet that name a day in the next two weeks, soonest first. */
    private static List<String> due(Map<String, List<Note>> topics, LocalDate today, Set<String> seen) {
        List<Map.Entry<LocalDate, Note>> found = new ArrayList<>();
        for (List<Note> notes : topics.values()) {
            for (Note n : notes) {
                if (!standing(n)) continue;
                Matcher m = DATE.matcher(Replies.said(n.text()));
                while (m.find()) {
                    LocalDate d = parse(m.group(1));
                    if (d != null && !d.isBefore(today) && !d.isAfter(today.plusDays(DUE_DAYS))) {
                        found.add(Map.entry(d, n));
                        break;
                    }
                }
            }
        }
        found.sort(Map.Entry.comparingByKey());
        return found.stream().filter(e -> seen.add(Utterance.key(e.getValue().text()))).limit(DUE)
                .map(e -> e.getKey() + ": " + clip(Utterance.fact(e.getValue().text()))).toList();
    }

    /** A trusted, current statement: what the profile may say. */
    private static boolean standing(Note n) {
        return !n.past() && !n.untrusted() && Utterance.of(n.text()) != Utterance.QUESTION;
    }

    /** At most {@value #ITEM_CHARS} characters, cut at a word when one ends late enough. */
    private static String clip(String text) {
        String t = text.strip();
        if (t.length() <= ITEM_CHARS) return t;
        int cut = t.lastIndexOf(' ', ITEM_CHARS - 1);
        if (cut < ITEM_CHARS * 2 / 3) cut = ITEM_CHARS - 1;
        return t.substring(0, cut).stripTrailing() + "…";
    }

    private static LocalDate parse(String s) {
        try {
            return LocalDate.parse(s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
