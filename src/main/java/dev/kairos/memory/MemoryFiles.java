package dev.kairos.memory;

import dev.kairos.event.Trust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the memory folder's markdown into items. A bullet (with its indented continuation lines) is an item, and so
 * is a paragraph. A journal bullet reads "- HH:MM text (provenance)"; elsewhere an item may end in
 * "(YYYY-MM-DD; provenance)", "(YYYY-MM-DD)" or "(provenance)". Without a date of its own an item takes the
 * date of its nearest heading that holds one, else of its file name, else of the file's last change. Without a
 * provenance it is "path:line", which a person can follow. The provenance is always the LAST parenthesised group:
 * text before it cannot stand in for it. A provenance with an "untrusted" part ("event 12, mail, untrusted") marks
 * someone else's text; removing the mark by hand is the user's call (the files come first).
 */
final class MemoryFiles {
    static final String INDEX = "MEMORY.md";
    static final String ARCHIVE = "archive/";

    private static final Pattern DATE = Pattern.compile("\\b(\\d{4}-\\d{2}-\\d{2})\\b");
    private static final Pattern JOURNAL_TIME = Pattern.compile("^\\d{1,2}:\\d{2}\\s+");
    /** The last parenthesised group at the end of the text, which holds no parentheses itself. */
    private static final Pattern TRAILER = Pattern.compile("\\s*\\(([^()]*)\\)\\s*$");
    private static final Pattern TRAILER_DATE = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})(?:\\s*[;,]\\s*(.*))?$");
    private static final Pattern PROVENANCE_PART = Pattern.compile(
            "(?i)(?:(?:journal|commit|event|chat|turn|issue|pr|session|mail|message)\\s+)?[\\w.@-]*[:#/\\d][\\w:#/.@-]*"
                    + "(?:\\s+\\d{1,2}:\\d{2})?");
    private static final Pattern PARTS = Pattern.compile("\\s*[;,]\\s*");
    private static final Pattern BULLET = Pattern.compile("^\\s{0,3}(?:[-*+]|\\d+[.)])\\s+(.*)$");

    private final Path root;
    private final ZoneId zone;

    MemoryFiles(Path root, ZoneId zone) {
        this.root = root;
        this.zone = zone;
    }

    Path root() {
        return root;
    }

    /** Every markdown file under the memory folder, as paths relative to it with '/' separators; hidden ones skipped. */
    TreeMap<String, Path> list() {
        TreeMap<String, Path> files = new TreeMap<>();
        if (!Files.isDirectory(root)) return files;
        try (Stream<Path> walk = Files.walk(root)) {
            walk.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .forEach(p -> {
                        String rel = relative(p);
                        if (!rel.startsWith(".") && !rel.contains("/.")) files.put(rel, p);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the memory folder " + root + ": " + e.getMessage(), e);
        }
        return files;
    }

    String relative(Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    List<Entry> parse(String path, String content, LocalDate fileDate) {
        boolean journal = path.startsWith("journal/") || path.startsWith("archive/journal/");
        LocalDate nameDate = dateIn(path.substring(path.lastIndexOf('/') + 1));
        LocalDate sectionDate = nameDate != null ? nameDate : fileDate;
        List<Entry> out = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int start = 0;
        String[] lines = content.split("\\R", -1);
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i] : "";
            Matcher bullet = BULLET.matcher(line);
            boolean heading = line.startsWith("#");
            boolean blank = line.isBlank();
            boolean continuation = !blank && !heading && !bullet.matches() && !text.isEmpty();
            if (continuation) {
                text.append(' ').append(line.strip());
                continue;
            }
            if (!text.isEmpty()) {
                out.add(entry(path, start, sectionDate, text.toString(), journal));
                text.setLength(0);
            }
            if (i == lines.length) break;
            if (heading) {
                LocalDate d = dateIn(line);
                if (d != null) sectionDate = d;
            } else if (bullet.matches()) {
                text.append(bullet.group(1).strip());
                start = i + 1;
            } else if (!blank) {
                text.append(line.strip());
                start = i + 1;
            }
        }
        out.removeIf(e -> e.text().isEmpty());
        return out;
    }

    private static Entry entry(String path, int line, LocalDate date, String raw, boolean journal) {
        String text = raw;
        if (journal) text = JOURNAL_TIME.matcher(text).replaceFirst("");
        String provenance = path + ":" + line;
        Matcher t = TRAILER.matcher(text);
        if (t.find()) {
            String inside = t.group(1).strip();
            Matcher d = TRAILER_DATE.matcher(inside);
            if (d.matches()) {
                date = LocalDate.parse(d.group(1));
                if (d.group(2) != null && !d.group(2).isBlank()) provenance = d.group(2).strip();
                text = text.substring(0, t.start());
            } else if (journal && !inside.isEmpty()) {
                provenance = inside;
                text = text.substring(0, t.start());
            } else if (looksLikeProvenance(inside)) {
                provenance = inside;
                text = text.substring(0, t.start());
            }
        }
        return new Entry(path, line, date, text.strip(), provenance, trustOf(provenance));
    }

    /**
     * UNTRUSTED when any item shown, even in part, by lines {@code from} to {@code from + count - 1} (1-based) is
     * someone else's text: an item spans from its first line to the line before the next item.
     */
    Trust trustOfLines(String path, String content, int from, int count) {
        List<Entry> entries = parse(path, content, LocalDate.EPOCH);
        long last = (long) from + count - 1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            long end = i + 1 < entries.size() ? entries.get(i + 1).line() - 1 : Long.MAX_VALUE;
            if (e.trust() != Trust.TRUSTED && e.line() <= last && end >= from) return Trust.UNTRUSTED;
        }
        return Trust.TRUSTED;
    }

    /** Untrusted when any part of the provenance says so: unsure means stricter. */
    static Trust trustOf(String provenance) {
        for (String part : PARTS.split(provenance)) {
            if (part.strip().equalsIgnoreCase(Journal.UNTRUSTED_MARK)) return Trust.UNTRUSTED;
        }
        return Trust.TRUSTED;
    }

    /** Outside the journal, "(see the README)" is prose; "(chat:turn-7)" or "(D1:3, commit 4f2a9c1)" is provenance. */
    private static boolean looksLikeProvenance(String s) {
        if (s.isEmpty()) return false;
        for (String part : PARTS.split(s)) {
            if (part.equalsIgnoreCase(Journal.UNTRUSTED_MARK)) continue;
            if (!PROVENANCE_PART.matcher(part).matches()) return false;
        }
        return true;
    }

    private static LocalDate dateIn(String s) {
        Matcher m = DATE.matcher(s);
        if (!m.find()) return null;
        try {
            return LocalDate.parse(m.group(1));
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    LocalDate lastChanged(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant().atZone(zone).toLocalDate();
        } catch (IOException e) {
            return LocalDate.EPOCH;
        }
    }
}
