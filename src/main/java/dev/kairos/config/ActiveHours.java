package dev.kairos.config;

import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The local hours in which timed beats run, "07:00-23:00"; a window may wrap past midnight ("22:00-06:00"). */
public record ActiveHours(LocalTime start, LocalTime end, boolean allDay) {
    public static final ActiveHours ALWAYS = new ActiveHours(LocalTime.MIDNIGHT, LocalTime.MIDNIGHT, true);
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

    public static ActiveHours parse(String text) {
        Matcher m = FORMAT.matcher(text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a window of hours; use e.g. \"07:00-23:00\"");
        }
        LocalTime start = time(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
        int endHour = Integer.parseInt(m.group(3));
        int endMinute = Integer.parseInt(m.group(4));
        if (endHour == 24 && endMinute == 0) {
            return start.equals(LocalTime.MIDNIGHT) ? ALWAYS : new ActiveHours(start, LocalTime.MIDNIGHT, false);
        }
        LocalTime end = time(text, endHour, endMinute);
        if (start.equals(end)) return ALWAYS;
        return new ActiveHours(start, end, false);
    }

    public boolean contains(LocalTime t) {
        if (allDay) return true;
        if (start.isBefore(end)) return !t.isBefore(start) && t.isBefore(end);
        return !t.isBefore(start) || t.isBefore(end);
    }

    @Override
    public String toString() {
        return allDay ? "00:00-24:00" : start + "-" + (end.equals(LocalTime.MIDNIGHT) ? "24:00" : end.toString());
    }

    private static LocalTime time(String text, int h, int m) {
        if (h > 23 || m > 59) {
            throw new IllegalArgumentException("'" + text + "' has an impossible time; hours are 00-24, minutes 00-59");
        }
        return LocalTime.of(h, m);
    }
}
