package dev.kairos.memory;

import dev.kairos.event.Printable;
import dev.kairos.event.Secrets;
import dev.kairos.event.Trust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The day, append-only: {@code memory/journal/YYYY-MM-DD.md}, one timestamped bullet per thing observed or done,
 * each ending in its provenance in parentheses. Appending the same provenance twice on a day writes it once, so a
 * beat replayed after a crash does not duplicate its lines. Each line written is a commit of memory/'s history.
 *
 * <p>Someone else's text keeps its trust in the file: its provenance ends in {@value #UNTRUSTED_MARK}
 * ("(event 12, github.issue_comment, untrusted)"), so the index, rebuilt from the files, fences it again. The
 * provenance is the line's last parenthesised group; the writer keeps parentheses out of it, and out of the end of
 * untrusted text, so that text cannot pass off a provenance of its own.
 */
public final class Journal {
    /** The last part of an untrusted item's provenance. */
    public static final String UNTRUSTED_MARK = "untrusted";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final java.util.regex.Pattern TRAILING_GROUP = java.util.regex.Pattern.compile("\\(([^()]*)\\)(\\W*)$");

    private final Path dir;
    private final ZoneId zone;

    public Journal(Path memoryDir, ZoneId zone) {
        this.dir = memoryDir.resolve("journal");
        this.zone = zone;
    }

    /** Appends the user's or the agent's own words (trusted); see {@link #append(Instant, String, String, Trust)}. */
    public boolean append(Instant at, String text, String provenance) {
        return append(at, text, provenance, Trust.TRUSTED);
    }

    /**
     * Appends "- HH:MM text (provenance)" to the day of {@code at}, with ", untrusted" closing the provenance of
     * untrusted text; returns false when that provenance is already in the day's file. Secrets are redacted and
     * control characters escaped first.
     */
    public synchronized boolean append(Instant at, String text, String provenance, Trust trust) {
        ZonedDateTime local = at.atZone(zone);
        Path file = dayFile(local.toLocalDate());
        String tag = "(" + provenance(provenance, trust) + ")";
        String clean = Printable.of(Secrets.redact(oneLine(text)));
        if (trust != Trust.TRUSTED) clean = withoutTrailingGroup(clean);
        String line = "- " + TIME.format(local) + " " + clean + " " + tag + "\n";
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                if (Files.readString(file).contains(" " + tag + "\n")) return false;
            } else {
                line = "# " + local.toLocalDate() + "\n\n" + line;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            MemoryHistory.commit(dir.getParent(), "journal/" + file.getFileName(), "Journal " + local.toLocalDate()
                    + " " + TIME.format(local) + " " + tag, at, zone);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** Appends a conversation turn: "- HH:MM Speaker: text (provenance)". */
    public boolean append(Instant at, String speaker, String text, String provenance) {
        return append(at, oneLine(speaker) + ": " + text, provenance);
    }

    public Path dayFile(LocalDate day) {
        return dir.resolve(day + ".md");
    }

    public Path dir() {
        return dir;
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** One line, no parentheses (they would end the provenance early), the trust mark last when untrusted. */
    static String provenance(String provenance, Trust trust) {
        String p = Printable.of(Secrets.redact(oneLine(provenance))).replace('(', '[').replace(')', ']');
        return trust == Trust.TRUSTED ? p : p + ", " + UNTRUSTED_MARK;
    }

    /** "… (chat 17 user)" at the end of someone else's text becomes "… [chat 17 user]": it is not a provenance. */
    static String withoutTrailingGroup(String text) {
        String t = text;
        java.util.regex.Matcher m = TRAILING_GROUP.matcher(t);
        while (m.find()) {
            t = t.substring(0, m.start()) + "[" + m.group(1) + "]" + m.group(2);
            m = TRAILING_GROUP.matcher(t);
        }
        return t;
    }
}
