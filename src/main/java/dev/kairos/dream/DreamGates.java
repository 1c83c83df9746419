package dev.kairos.dream;

import dev.kairos.config.Config;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a dream is due, cheapest check first: the hour (or a long idle spell), then 20 hours since the last
 * dream, then enough new material (journal days, else journal lines, since then). While the time gates are closed
 * nothing is read; the material gate stats the journal's files and reads lines only when days are too few.
 */
record DreamGates(Config.Dream config, ZoneId zone) {
    static final Duration MIN_APART = Duration.ofHours(20);

    record Verdict(boolean open, String reason) {}

    Verdict check(Instant now, Optional<Instant> lastDream, Path journalDir) {
        LocalTime t = now.atZone(zone).toLocalTime();
        boolean night = inWindow(t);
        if (!night) {
            Optional<Instant> lastLine = newest(journalDir);
            boolean idle = lastLine.isPresent() && !lastLine.get().plus(config.idleAfter()).isAfter(now);
            if (!idle) return new Verdict(false, "not in the night window from " + config.at() + " and not idle");
        }
        if (lastDream.isPresent() && lastDream.get().plus(MIN_APART).isAfter(now)) {
            return new Verdict(false, "the last dream was less than 20 hours ago (" + lastDream.get() + ")");
        }
        List<Path> days = since(journalDir, lastDream.orElse(Instant.EPOCH));
        if (days.size() >= config.minSessions()) return new Verdict(true, days.size() + " journal days since the last dream");
        long lines = 0;
        for (Path d : days) lines += entries(d);
        if (lines >= config.minEntries()) return new Verdict(true, lines + " journal lines since the last dream");
        return new Verdict(false, "not enough new material: " + days.size() + " journal days (" + config.minSessions()
                + " needed) and " + lines + " lines (" + config.minEntries() + " needed)");
    }

    private boolean inWindow(LocalTime t) {
        LocalTime start = config.at();
        long from = start.toSecondOfDay();
        long now = t.toSecondOfDay();
        long since = Math.floorMod(now - from, 86_400L);
        return since < config.window().toSeconds();
    }

    private static Optional<Instant> newest(Path journalDir) {
        Instant best = null;
        for (Path p : days(journalDir)) {
            Instant m = mtime(p);
            if (best == null || m.isAfter(best)) best = m;
        }
        return Optional.ofNullable(best);
    }

    private static List<Path> since(Path journalDir, Instant after) {
        List<Path> out = new ArrayList<>();
        for (Path p : days(journalDir)) {
            if (mtime(p).isAfter(after)) out.add(p);
        }
        return out;
    }

    private static List<Path> days(Path journalDir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(journalDir)) return out;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(journalDir, "????-??-??.md")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the journal " + journalDir + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Instant mtime(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            return Instant.EPOCH;
        }
    }

    private static long entries(Path day) {
        try (var lines = Files.lines(day)) {
            return lines.filter(l -> l.startsWith("- ")).count();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }
}
