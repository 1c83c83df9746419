package dev.kairos.memory;

import dev.kairos.event.Printable;
import dev.kairos.event.Secrets;
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
 * beat replayed after a crash does not duplicate its lines.
 */
public final class Journal {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private final Path dir;
    private final ZoneId zone;

    public Journal(Path memoryDir, ZoneId zone) {
        this.dir = memoryDir.resolve("journal");
        this.zone = zone;
    }

    /**
     * Appends "- HH:MM text (provenance)" to the day of {@code at}; returns false when that provenance is already
     * in the day's file. Secrets are redacted and control characters escaped first.
     */
    public synchronized boolean append(Instant at, String text, String provenance) {
        ZonedDateTime local = at.atZone(zone);
        Path file = dayFile(local.toLocalDate());
        String tag = "(" + Printable.of(provenance) + ")";
        String line = "- " + TIME.format(local) + " " + Printable.of(Secrets.redact(oneLine(text))) + " " + tag + "\n";
        try {
            Files.createDirectories(dir);
            if (Files.exists(file)) {
                if (Files.readString(file).contains(" " + tag + "\n")) return false;
            } else {
                line = "# " + local.toLocalDate() + "\n\n" + line;
            }
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
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
}
