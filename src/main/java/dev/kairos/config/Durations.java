package dev.kairos.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human durations: "500ms", "30s", "5m", "2h", "1d", "90 seconds", or ISO-8601 "PT5M". */
public final class Durations {
    private static final Pattern HUMAN = Pattern.compile(
            "(\\d+)\\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hours?|d|days?)");

    private Durations() {}

    public static Duration parse(String text) {
        String t = text.strip().toLowerCase();
        Matcher m = HUMAN.matcher(t);
        if (m.matches()) {
            if (m.group(1).length() > 9) throw new IllegalArgumentException("'" + text + "' is too long; use at most 365d");
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2);
            if (unit.equals("ms")) return Duration.ofMillis(n);
            return switch (unit.charAt(0)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            Duration d = Duration.parse(text.strip().toUpperCase());
            if (d.compareTo(Duration.ofDays(365)) > 0) throw new ArithmeticException("too long");
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a duration; use e.g. 30s, 5m, 2h or 1d");
        }
    }

    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.toMillis() % 1000 != 0) return d.toMillis() + "ms";
        long s = d.toSeconds();
        if (s % 86_400 == 0) return s / 86_400 + "d";
        if (s % 3600 == 0) return s / 3600 + "h";
        if (s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}
