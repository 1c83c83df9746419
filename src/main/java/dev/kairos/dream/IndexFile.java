package dev.kairos.dream;

import dev.kairos.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MEMORY.md as the dream leaves it: whatever the user wrote above the mark, untouched; below it a short standing
 * profile (who the user is, what is in flight, what is due) and one line per topic, newest first, within the cap of
 * 200 lines and 25 KB. MEMORY.md is the cached prefix of every turn, so untrusted notes never enter the profile.
 */
final class IndexFile {
    static final String MARK = "<!-- The dream writes below this line at night; edit above it. -->";
    private static final int PROFILE_LINES = 5;
    private static final int CLIP = 160;
    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern SPEAKER = Pattern.compile("^\\p{L}{1,20}:\\s+");

    private IndexFile() {}

    static String render(String existing, Map<String, List<Note>> topics, Map<String, String> titles, LocalDate today) {
        int at = existing.indexOf(MARK);
        String mine = at >= 0 ? existing.substring(0, at) : existing;
        if (!mine.isEmpty() && !mine.endsWith("\n")) mine += "\n";
        if (!mine.isEmpty() && !mine.endsWith("\n\n")) mine += "\n";
        StringBuilder sb = new StringBuilder(mine).append(MARK).append("\n\n");
        List<String> profile = profile(topics, today);
        if (!profile.isEmpty()) {
            sb.append("## Profile\n\n");
            profile.forEach(l -> sb.append("- ").append(l).append('\n'));
            sb.append('\n');
        }
        sb.append("## Topics\n\n");
        List<Map.Entry<String, List<Note>>> byRecent = new ArrayList<>(topics.entrySet());
        byRecent.sort(Comparator.comparing((Map.Entry<String, List<Note>> e) -> latest(e.getValue())).reversed()
                .thenComparing(Map.Entry::getKey));
        for (Map.Entry<String, List<Note>> e : byRecent) {
            List<Note> notes = e.getValue();
            String line = "- [" + titles.getOrDefault(e.getKey(), e.getKey()) + "](" + Gathered.TOPICS + e.getKey()
                    + ".md): " + notes.size() + (notes.size() == 1 ? " note, " : " notes, ")
                    + notes.stream().map(Note::date).min(Comparator.naturalOrder()).orElseThrow() + " to "
                    + latest(notes) + "\n";
            if (sb.toString().lines().count() + 1 > Memory.INDEX_MAX_LINES
                    || (sb + line).getBytes(StandardCharsets.UTF_8).length > Memory.INDEX_MAX_BYTES) {
                break;
            }
            sb.append(line);
        }
        return sb.toString();
    }

    /** Who the user is, what is in flight, what is due: a few trusted lines, newest first. */
    private static List<String> profile(Map<String, List<Note>> topics, LocalDate today) {
        List<String> out = new ArrayList<>();
        List<String> who = newest(topics.getOrDefault("user", List.of()), PROFILE_LINES);
        if (!who.isEmpty()) out.add("Who: " + String.join("; ", who));
        List<String> flight = newest(topics.getOrDefault("project", List.of()), 3);
        if (!flight.isEmpty()) out.add("In flight: " + String.join("; ", flight));
        List<String> due = new ArrayList<>();
        for (List<Note> notes : topics.values()) {
            for (Note n : notes) {
                if (n.past() || n.untrusted()) continue;
                Matcher m = DATE.matcher(Replies.said(n.text()));
                while (m.find()) {
                    LocalDate d = parse(m.group(1));
                    if (d != null && !d.isBefore(today) && !d.isAfter(today.plusDays(14))) {
                        due.add(d + ": " + clip(n.text()));
                        break;
                    }
                }
            }
        }
        due.sort(Comparator.naturalOrder());
        if (!due.isEmpty()) out.add("Due: " + String.join("; ", due.subList(0, Math.min(3, due.size()))));
        return out;
    }

    private static List<String> newest(List<Note> notes, int n) {
        return notes.stream().filter(x -> !x.past() && !x.untrusted())
                .sorted(Comparator.comparing(Note::date).reversed()).limit(n).map(x -> clip(x.text())).toList();
    }

    private static String clip(String text) {
        String t = SPEAKER.matcher(Replies.said(text)).replaceFirst("");
        return t.length() <= CLIP ? t : t.substring(0, CLIP - 1) + "…";
    }

    private static LocalDate latest(List<Note> notes) {
        return notes.stream().map(Note::date).max(Comparator.naturalOrder()).orElse(LocalDate.EPOCH);
    }

    private static LocalDate parse(String s) {
        try {
            return LocalDate.parse(s);
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }
}
