package dev.kairos.memory;

import java.time.LocalDate;
import java.time.Month;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a query asks for, read without a model: its content words (for FTS5) and the days it mentions, if any
 * ("in May 2023", "last week", "2026-11-20", "yesterday"), resolved against today.
 */
record Query(String text, List<String> words, LocalDate from, LocalDate to) {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)?");
    private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
    private static final Pattern YEAR = Pattern.compile("\\b(19\\d{2}|20\\d{2})\\b");
    private static final Map<String, Month> MONTHS = months();
    /** "may" is usually the verb; it is the month next to a year, a day or a preposition of time. */
    private static final Pattern MAY_THE_MONTH = Pattern.compile(
            "\\b(?:in|of|early|late|mid|since|during|until|before|after)\\s+may\\b|\\bmay\\s*,?\\s*\\d{1,4}\\b"
                    + "|\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?may\\b");
    private static final Set<String> STOP = Set.of(("a an and are as at be been being but by can could did do does "
            + "doing done for from had has have having he her here hers him his how i if in into is it its it's me "
            + "my of on or our she so than that the their them then there these they this those to too us was we "
            + "were what when where which while who whom whose why will with would you your yours about after "
            + "again all also am any because before between both during each few further just more most no nor "
            + "not now off once only other out over own same should some such through under until up very "
            + "s t don't ever kind likely ones thing things").split(" "));

    static Query parse(String text, LocalDate today) {
        String lower = text.toLowerCase(Locale.ROOT);
        LinkedHashSet<String> words = new LinkedHashSet<>();
        Matcher w = WORD.matcher(lower);
        while (w.find()) {
            String word = w.group().replace('’', '\'');
            if (word.endsWith("'s")) word = word.substring(0, word.length() - 2);
            if (word.length() > 1 && !STOP.contains(word) && !MONTHS.containsKey(word)) words.add(word);
        }
        LocalDate[] range = range(lower, today);
        return new Query(text, List.copyOf(words), range[0], range[1]);
    }

    /** Words that greet, thank or acknowledge: a query made only of them asks memory for nothing in particular. */
    private static final Set<String> SMALL_TALK = Set.of(("hi hey hello hiya yo good morning evening afternoon night "
            + "day thanks thank thx bye goodbye ok okay cool great nice awesome wow lol haha oh ah hmm yes yeah "
            + "sure see later soon glad welcome").split(" "));

    /** Small talk only ("good morning", "hi!", "thanks"): no word that could name what to remember. */
    boolean smallTalk() {
        return from == null && (words.isEmpty() || SMALL_TALK.containsAll(words));
    }

    boolean hasDates() {
        return from != null;
    }

    boolean covers(LocalDate day) {
        return from != null && !day.isBefore(from) && !day.isAfter(to);
    }

    private static LocalDate[] range(String q, LocalDate today) {
        Matcher iso = ISO.matcher(q);
        if (iso.find()) {
            try {
                LocalDate d = LocalDate.of(Integer.parseInt(iso.group(1)), Integer.parseInt(iso.group(2)),
                        Integer.parseInt(iso.group(3)));
                return new LocalDate[] {d, d};
            } catch (java.time.DateTimeException ignored) {
                // not a date after all
            }
        }
        if (today != null) {
            if (q.contains("yesterday")) return new LocalDate[] {today.minusDays(1), today.minusDays(1)};
            if (q.matches("(?s).*\\btoday\\b.*")) return new LocalDate[] {today, today};
            if (q.contains("last week")) return new LocalDate[] {today.minusDays(13), today.minusDays(6)};
            if (q.contains("this week")) return new LocalDate[] {today.minusDays(6), today};
            if (q.contains("last month")) {
                YearMonth m = YearMonth.from(today).minusMonths(1);
                return new LocalDate[] {m.atDay(1), m.atEndOfMonth()};
            }
            if (q.contains("last year")) {
                int y = today.getYear() - 1;
                return new LocalDate[] {LocalDate.of(y, 1, 1), LocalDate.of(y, 12, 31)};
            }
        }
        Month month = null;
        Matcher w = WORD.matcher(q);
        while (w.find() && month == null) {
            if (!w.group().equals("may") || MAY_THE_MONTH.matcher(q).find()) month = MONTHS.get(w.group());
        }
        Matcher y = YEAR.matcher(q);
        Integer year = y.find() ? Integer.valueOf(y.group(1)) : null;
        if (month != null) {
            int yr = year != null ? year : guessYear(month, today);
            YearMonth ym = YearMonth.of(yr, month);
            return new LocalDate[] {ym.atDay(1), ym.atEndOfMonth()};
        }
        if (year != null) return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)};
        return new LocalDate[] {null, null};
    }

    /** A month named without a year is the latest one not after today. */
    private static int guessYear(Month month, LocalDate today) {
        if (today == null) return LocalDate.EPOCH.getYear();
        return month.getValue() <= today.getMonthValue() ? today.getYear() : today.getYear() - 1;
    }

    private static Map<String, Month> months() {
        Map<String, Month> m = new TreeMap<>();
        for (Month month : Month.values()) {
            m.put(month.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT), month);
        }
        return m;
    }
}
