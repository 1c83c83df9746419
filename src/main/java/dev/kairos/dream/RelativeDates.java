package dev.kairos.dream;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes relative dates absolute without touching the words: "yesterday" in a line of 2026-11-20 becomes
 * "yesterday [2026-11-19]". A phrase already followed by a bracketed date is left alone, so a second dream changes
 * nothing.
 */
final class RelativeDates {
    private static final Pattern PHRASE = Pattern.compile("(?i)\\b(yesterday|today|tonight|tomorrow|last night"
            + "|this morning|(\\d{1,2}|two|three|four|five|six|seven) days ago"
            + "|(last|next) (monday|tuesday|wednesday|thursday|friday|saturday|sunday|week|month|year))\\b"
            + "(?! \\[\\d{4})");

    private RelativeDates() {}

    static String absolute(String text, LocalDate day) {
        Matcher m = PHRASE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String when = resolve(m.group(1).toLowerCase(Locale.ROOT), day);
            m.appendReplacement(out, Matcher.quoteReplacement(m.group() + " [" + when + "]"));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String resolve(String phrase, LocalDate day) {
        switch (phrase) {
            case "yesterday", "last night" -> {
                return day.minusDays(1).toString();
            }
            case "today", "tonight", "this morning" -> {
                return day.toString();
            }
            case "tomorrow" -> {
                return day.plusDays(1).toString();
            }
            case "last week" -> {
                return "week of " + day.minusWeeks(1).with(DayOfWeek.MONDAY);
            }
            case "next week" -> {
                return "week of " + day.plusWeeks(1).with(DayOfWeek.MONDAY);
            }
            case "last month" -> {
                return day.minusMonths(1).toString().substring(0, 7);
            }
            case "next month" -> {
                return day.plusMonths(1).toString().substring(0, 7);
            }
            case "last year" -> {
                return Integer.toString(day.getYear() - 1);
            }
            case "next year" -> {
                return Integer.toString(day.getYear() + 1);
            }
            default -> {
                if (phrase.endsWith("days ago")) return day.minusDays(count(phrase.split(" ")[0])).toString();
                DayOfWeek dow = DayOfWeek.valueOf(phrase.split(" ")[1].toUpperCase(Locale.ROOT));
                return (phrase.startsWith("last") ? day.with(TemporalAdjusters.previous(dow))
                        : day.with(TemporalAdjusters.next(dow))).toString();
            }
        }
    }

    private static int count(String n) {
        return switch (n) {
            case "two" -> 2;
            case "three" -> 3;
            case "four" -> 4;
            case "five" -> 5;
            case "six" -> 6;
            case "seven" -> 7;
            default -> Integer.parseInt(n);
        };
    }
}
