package dev.kairos.sense;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the standing checks out of HEARTBEAT.md; see {@link ScheduleSensor} for the grammar. */
final class HeartbeatFile {
    static final String EXAMPLES = "use e.g. 'every 30 minutes', 'daily at 09:00', 'weekdays at 09:00', "
            + "'mondays at 10:00' or a cron expression in backticks";
    private static final Pattern BULLET = Pattern.compile("^\\s*[-*+]\\s+(.*\\S)\\s*$");
    private static final Pattern INLINE_COMMENT = Pattern.compile("<!--.*?-->");
    private static final Set<String> SCHEDULE_WORDS = Set.of("every", "daily", "weekdays", "weekends", "monday",
            "mondays", "tuesday", "tuesdays", "wednesday", "wednesdays", "thursday", "thursdays", "friday", "fridays",
            "saturday", "saturdays", "sunday", "sundays", "hourly", "each", "at", "on");

    record Entry(ScheduleItem item, Schedule schedule) {}

    record Parsed(List<Entry> entries, List<String> problems) {}

    private record Split(String schedule, String text) {}

    private HeartbeatFile() {}

    /** A line that is not UTF-8 is reported and its bullet skipped (its text may be garbled); the others stand. */
    static Parsed parse(String fileName, Utf8Lines file) {
        List<String> lines = file.lines();
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        boolean inComment = false;
        boolean inFence = false;
        for (int i = 0; i < lines.size(); i++) {
            boolean garbled = file.notUtf8().contains(i + 1);
            if (garbled) {
                problems.add(fileName + ":" + (i + 1) + ": " + Utf8Lines.NOT_UTF8
                        + "; this line is skipped until the file is saved as UTF-8");
            }
            String line = INLINE_COMMENT.matcher(lines.get(i)).replaceAll("");
            if (inComment) {
                inComment = !line.contains("-->");
                continue;
            }
            if (line.contains("<!--")) {
                inComment = true;
                continue;
            }
            if (line.strip().startsWith("```") || line.strip().startsWith("~~~")) inFence = !inFence;
            Matcher bullet = BULLET.matcher(line);
            if (inFence || !bullet.matches() || garbled) continue;
            int number = i + 1;
            Optional<Split> split = split(bullet.group(1));
            if (split.isEmpty()) continue;
            String spec = split.get().schedule();
            String where = fileName + ":" + number + ": ";
            Optional<Schedule> schedule = Schedule.parse(spec);
            if (schedule.isEmpty()) {
                problems.add(where + "cannot read the schedule '" + spec + "'; " + EXAMPLES);
            } else if (split.get().text().isEmpty()) {
                problems.add(where + "nothing to check after '" + spec + "'; say what to check after a colon");
            } else {
                String id = Digest.hex(normalise(bullet.group(1)), 12);
                if (ids.add(id)) {
                    entries.add(new Entry(new ScheduleItem(id, number, spec, split.get().text()), schedule.get()));
                }
            }
        }
        return new Parsed(List.copyOf(entries), List.copyOf(problems));
    }

    /**
     * Splits "SCHEDULE: text" at the first colon followed by a space (09:00 has none), or after a backticked cron
     * expression. Empty when the bullet is prose: no such colon, or a long phrase before it that names no schedule.
     */
    private static Optional<Split> split(String body) {
        if (body.startsWith("`")) {
            int close = body.indexOf('`', 1);
            if (close < 0) return Optional.of(new Split(body, ""));
            String rest = body.substring(close + 1).stripLeading();
            return Optional.of(new Split(body.substring(0, close + 1), rest.startsWith(":") ? rest.substring(1).strip() : ""));
        }
        int colon = -1;
        for (int i = body.indexOf(':'); i >= 0; i = body.indexOf(':', i + 1)) {
            if (i + 1 == body.length() || Character.isWhitespace(body.charAt(i + 1))) {
                colon = i;
                break;
            }
        }
        if (colon <= 0) return Optional.empty();
        String spec = body.substring(0, colon).strip();
        String[] words = spec.toLowerCase(Locale.ROOT).split("\\s+");
        if (words.length > 2 && !SCHEDULE_WORDS.contains(words[0])) return Optional.empty();
        return Optional.of(new Split(spec, body.substring(colon + 1).strip()));
    }

    private static String normalise(String body) {
        return body.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
