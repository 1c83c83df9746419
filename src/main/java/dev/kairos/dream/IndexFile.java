package dev.kairos.dream;

import dev.kairos.memory.Memory;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * MEMORY.md as the dream leaves it: whatever the user wrote above the mark, untouched; below it a short standing
 * {@link Profile} (who the user is, what is in flight, what is due) and one line per topic, newest first, within the
 * cap of 200 lines and 25 KB.
 */
final class IndexFile {
    static final String MARK = "<!-- The dream writes below this line at night; edit above it. -->";

    private IndexFile() {}

    static String render(String existing, Map<String, List<Note>> topics, Map<String, String> titles, LocalDate today) {
        int at = existing.indexOf(MARK);
        String mine = at >= 0 ? existing.substring(0, at) : existing;
        if (!mine.isEmpty() && !mine.endsWith("\n")) mine += "\n";
        if (!mine.isEmpty() && !mine.endsWith("\n\n")) mine += "\n";
        StringBuilder sb = new StringBuilder(mine).append(MARK).append("\n\n");
        sb.append(Profile.render(topics, today));
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

    private static LocalDate latest(List<Note> notes) {
        return notes.stream().map(Note::date).max(Comparator.naturalOrder()).orElse(LocalDate.EPOCH);
    }
}
