package dev.kairos.dream;

import dev.kairos.memory.MemoryItem;
import dev.kairos.memory.MemoryText;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The orient and gather phases over a snapshot of memory/: the notes of every topic file, and those of the journal
 * days since the last dream, each put in its topic. A conversation line ("Caroline: ...") goes to its speaker's
 * topic, keeping the question it answers ({@link Replies}), unless it asks to remember a fact the topic already
 * holds; any other journal line to episodes.
 */
record Gathered(Map<String, List<Note>> byTopic, Map<String, String> titles, List<String> journalDays) {
    static final String TOPICS = "topics/";
    static final String JOURNAL = "journal/";
    private static final Pattern SPEAKER = Pattern.compile("^(\\p{L}{1,20}):\\s+\\S");
    private static final Pattern TITLE = Pattern.compile("(?m)^#\\s+(.+)$");
    private static final Pattern PAST = Pattern.compile("^Until \\d{4}-\\d{2}-\\d{2}: ");
    private static final Pattern DAY_FILE = Pattern.compile("journal/(\\d{4}-\\d{2}-\\d{2})\\.md");

    /** {@code tree}: path to text of every file in the default context; {@code since}: first journal day to read. */
    static Gathered from(Map<String, String> tree, LocalDate since) {
        Map<String, List<Note>> byTopic = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        List<String> days = new ArrayList<>();
        tree.forEach((path, text) -> {
            if (path.startsWith(TOPICS)) {
                String topic = slug(path.substring(TOPICS.length(), path.length() - 3));
                Matcher t = TITLE.matcher(text);
                if (t.find()) titles.putIfAbsent(topic, t.group(1).strip());
                for (MemoryItem item : MemoryText.items(path, text, LocalDate.EPOCH)) {
                    boolean past = PAST.matcher(item.text()).find();
                    byTopic.computeIfAbsent(topic, k -> new ArrayList<>()).add(new Note(topic, item.text(), item.date(),
                            Note.splitProvenance(item.provenance()), past, true));
                }
            }
        });
        tree.forEach((path, text) -> {
            Matcher d = DAY_FILE.matcher(path);
            if (!d.matches()) return;
            LocalDate day = LocalDate.parse(d.group(1));
            if (since != null && day.isBefore(since)) return;
            days.add(path);
            Note before = null;
            for (MemoryItem item : MemoryText.items(path, text, day)) {
                Matcher s = SPEAKER.matcher(item.text());
                boolean spoken = s.find();
                String topic = spoken ? slug(s.group(1)) : "episodes";
                titles.putIfAbsent(topic, spoken ? Character.toUpperCase(s.group(1).charAt(0)) + s.group(1).substring(1)
                        : "Episodes");
                Note note = new Note(topic, RelativeDates.absolute(item.text(), item.date()), item.date(),
                        Note.splitProvenance(item.provenance()), false, false);
                if (!note.untrusted() && !note.pinned()) {
                    note = note.withText(note.text() + Replies.context(before, item.text()));
                }
                List<Note> notes = byTopic.computeIfAbsent(topic, k -> new ArrayList<>());
                if (!known(notes, note)) notes.add(note);
                before = note;
            }
        });
        return new Gathered(byTopic, titles, days);
    }

    /**
     * Whether {@code note} asks to remember a fact its topic already holds: the remember tool wrote the fact when it
     * was asked ("Please remember this: X" in the journal, "X" in topics/user.md), so the request would say it twice.
     * The journal keeps the request.
     */
    private static boolean known(List<Note> notes, Note note) {
        if (note.untrusted() || Utterance.of(note.text()) != Utterance.REMEMBER) return false;
        String key = Utterance.key(note.text());
        return notes.stream().anyMatch(n -> !n.past() && !n.untrusted() && Utterance.key(n.text()).equals(key));
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}/]+", "-").replaceAll("(^-+|-+$)", "");
    }

    int notes() {
        return byTopic.values().stream().mapToInt(List::size).sum();
    }
}
