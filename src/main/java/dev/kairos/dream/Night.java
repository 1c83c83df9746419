package dev.kairos.dream;

import dev.kairos.memory.MemoryItem;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One dream planned, nothing written: the plan, and the figures and limits it is judged by. */
record Night(Plan plan, Gathered gathered, Consolidation.Result result, int archived) {
    private static final Pattern DAY_FILE = Pattern.compile("journal/(\\d{4}-\\d{2}-\\d{2})\\.md");

    static Night plan(Path dir, LocalDate since, LocalDate today, int retentionDays, Consolidation consolidation) {
        TreeMap<String, String> before = MemoryTree.read(dir);
        TreeMap<String, String> after = new TreeMap<>(before);
        Gathered gathered = Gathered.from(before, since);
        Consolidation.Result result = consolidation.run(gathered);

        after.keySet().removeIf(p -> p.startsWith(Gathered.TOPICS));
        result.topics().forEach((topic, notes) -> after.put(Gathered.TOPICS + topic + ".md",
                Consolidation.render(gathered.titles().getOrDefault(topic, topic), notes)));
        result.overflow().forEach((topic, notes) -> {
            String path = MemoryTree.ARCHIVE + Gathered.TOPICS + topic + ".md";
            StringBuilder sb = new StringBuilder(existing(dir, path, before, "# "
                    + gathered.titles().getOrDefault(topic, topic) + " (archived)\n\n"));
            for (Note n : notes) if (!sb.toString().contains(n.line())) sb.append(n.line());
            after.put(path, sb.toString());
        });
        int archived = 0;
        for (String path : List.copyOf(after.keySet())) {
            Matcher m = DAY_FILE.matcher(path);
            if (!m.matches() || !LocalDate.parse(m.group(1)).isBefore(today.minusDays(retentionDays))) continue;
            String text = after.get(path);
            if (text.contains(Note.PIN)) continue; // a pinned line stays where the user put it
            String target = MemoryTree.ARCHIVE + path;
            String old = existing(dir, target, before, null);
            after.remove(path);
            after.put(target, old == null ? text : old + (old.endsWith("\n") ? "" : "\n") + missingLines(old, text));
            archived++;
        }
        after.put("MEMORY.md", IndexFile.render(before.getOrDefault("MEMORY.md", ""), result.topics(),
                gathered.titles(), today));
        return new Night(new Plan(before, after), gathered, result, archived);
    }

    DreamReport report(Instant at) {
        Plan p = plan;
        return new DreamReport(DreamReport.Outcome.DRY_RUN, "", at, Dream.items(p.before()), Dream.items(p.after()),
                Plan.bytes(p.before()), Plan.bytes(p.after()), result.merged(), result.pruned(), archived,
                result.turnedPast(), dropped().size(), List.copyOf(result.topics().keySet()), result.usage(),
                result.rewritten(), null, p.changed(), p.diff());
    }

    /** Why this dream must not be written: too much of the topics lost, or a pinned item changed. */
    Optional<String> refusal(double maxDrop) {
        int fromTopics = (int) gathered.byTopic().values().stream().flatMap(List::stream).filter(Note::fromTopic)
                .count();
        List<Note> dropped = dropped();
        if (fromTopics > 0 && dropped.size() > maxDrop * fromTopics) {
            return Optional.of("refused: it would drop " + dropped.size() + " of the " + fromTopics
                    + " items in topics/, more than a quarter (first: \"" + dropped.getFirst().text() + "\")");
        }
        Set<String> kept = new HashSet<>();
        for (MemoryItem i : Dream.all(plan.after())) kept.add(i.text() + "\u0000" + i.provenance());
        for (MemoryItem i : Dream.all(plan.before())) {
            if (i.text().contains(Note.PIN) && !kept.contains(i.text() + "\u0000" + i.provenance())) {
                return Optional.of("refused: it would change the pinned item \"" + i.text() + "\" in " + i.path()
                        + " (remove the " + Note.PIN + " to let the dream change it)");
            }
        }
        return Optional.empty();
    }

    /** Topic items whose sentence is in no topic file after the dream (merged into a longer one, or pruned). */
    private List<Note> dropped() {
        List<String> texts = new ArrayList<>();
        plan.after().forEach((path, text) -> {
            if (path.startsWith(Gathered.TOPICS) || path.startsWith(MemoryTree.ARCHIVE + Gathered.TOPICS)) {
                texts.add(text);
            }
        });
        String all = String.join("\n", texts);
        return gathered.byTopic().values().stream().flatMap(List::stream).filter(Note::fromTopic)
                .filter(n -> !all.contains(n.text())).toList();
    }

    /** Whether the files the plan changes still hold what it read (a hand edit meanwhile must not be lost). */
    boolean stillCurrent(Path dir) {
        for (String p : plan.changed()) {
            String was = plan.before().get(p);
            if (!java.util.Objects.equals(was, MemoryTree.file(dir, p))) return false;
        }
        return true;
    }

    private static String existing(Path dir, String path, Map<String, String> before, String fallback) {
        String text = MemoryTree.file(dir, path);
        if (text != null) before.put(path, text);
        return text != null ? text : fallback;
    }

    private static String missingLines(String old, String text) {
        StringBuilder sb = new StringBuilder();
        for (String l : text.split("(?<=\\n)")) if (!old.contains(l)) sb.append(l);
        return sb.toString();
    }
}
