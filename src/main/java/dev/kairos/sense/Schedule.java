package dev.kairos.sense;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a standing check comes due. Local times that fall into a daylight-saving gap fire at the shifted time (02:30
 * becomes 03:30); local times that happen twice in an overlap fire the first time only.
 */
sealed interface Schedule {

    /** The latest fire time in {@code (after, now]}, or empty when none fell in it. */
    Optional<Instant> lastDue(Instant after, Instant now, ZoneId zone);

    /** Every interval from the moment the item was first seen. */
    record Every(Duration interval) implements Schedule {
        @Override
        public Optional<Instant> lastDue(Instant after, Instant now, ZoneId zone) {
            long intervals = Duration.between(after, now).dividedBy(interval);
            return intervals < 1 ? Optional.empty() : Optional.of(after.plus(interval.multipliedBy(intervals)));
        }
    }

    /** A local time of day on some days of the week. */
    record At(Set<DayOfWeek> days, LocalTime time) implements Schedule {
        @Override
        public Optional<Instant> lastDue(Instant after, Instant now, ZoneId zone) {
            LocalDate day = LocalDate.ofInstant(now, zone);
            for (int back = 0; back <= 8; back++, day = day.minusDays(1)) {
                if (!days.contains(day.getDayOfWeek())) continue;
                Instant at = ZonedDateTime.of(day, time, zone).toInstant(); // gap: shifted; overlap: earlier
                if (at.isAfter(now)) continue;
                return at.isAfter(after) ? Optional.of(at) : Optional.empty();
            }
            return Optional.empty();
        }
    }

    /**
     * A five-field UNIX cron expression. cron-utils is asked in local wall-clock time (as if it were UTC) and each
     * local time is placed in the zone like the other schedules, so that daylight-saving days behave the same.
     */
    record Cron(String expression, ExecutionTime execution) implements Schedule {
        @Override
        public Optional<Instant> lastDue(Instant after, Instant now, ZoneId zone) {
            // lastExecution is strictly before its argument: ask one second past now (cron has minute precision)
            ZonedDateTime before = LocalDateTime.ofInstant(now, zone).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1)
                    .atZone(ZoneOffset.UTC);
            for (int tries = 0; tries < 3; tries++) {
                Optional<ZonedDateTime> local = execution.lastExecution(before);
                if (local.isEmpty()) return Optional.empty();
                Instant at = ZonedDateTime.of(local.get().toLocalDateTime(), zone).toInstant();
                if (!at.isAfter(now)) return at.isAfter(after) ? Optional.of(at) : Optional.empty();
                before = local.get(); // shifted forward out of a gap, past now: look one earlier
            }
            return Optional.empty();
        }
    }

    Pattern EVERY = Pattern.compile("every (?:(minute|hour)|(\\d{1,6}) (minutes?|hours?))");
    Pattern AT = Pattern.compile(
            "(daily|every day|weekdays|weekends|(?:mon|tues|wednes|thurs|fri|satur|sun)days?) at (\\d{1,2}):(\\d{2})");
    Pattern CRON = Pattern.compile("`([^`]+)`");

    /** Reads the schedule part of an item ("weekdays at 09:00"); empty when it is not in the grammar. */
    static Optional<Schedule> parse(String text) {
        String spec = text.strip().replaceAll("\\s+", " ");
        Matcher cron = CRON.matcher(spec);
        if (cron.matches()) return cron(cron.group(1).strip());
        spec = spec.toLowerCase(Locale.ROOT);
        Matcher every = EVERY.matcher(spec);
        if (every.matches()) {
            boolean minutes = (every.group(1) != null ? every.group(1) : every.group(3)).startsWith("minute");
            long n = every.group(2) == null ? 1 : Long.parseLong(every.group(2));
            if (n < 1) return Optional.empty();
            return Optional.of(new Every(minutes ? Duration.ofMinutes(n) : Duration.ofHours(n)));
        }
        Matcher at = AT.matcher(spec);
        if (at.matches()) {
            int hour = Integer.parseInt(at.group(2));
            int minute = Integer.parseInt(at.group(3));
            if (hour > 23 || minute > 59) return Optional.empty();
            return Optional.of(new At(days(at.group(1)), LocalTime.of(hour, minute)));
        }
        return Optional.empty();
    }

    private static Set<DayOfWeek> days(String words) {
        return switch (words) {
            case "daily", "every day" -> EnumSet.allOf(DayOfWeek.class);
            case "weekdays" -> EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
            case "weekends" -> EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);
            default -> {
                String day = words.endsWith("s") ? words.substring(0, words.length() - 1) : words;
                yield EnumSet.of(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)));
            }
        };
    }

    private static Optional<Schedule> cron(String expression) {
        try {
            var parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
            return Optional.of(new Cron(expression, ExecutionTime.forCron(parser.parse(expression).validate())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
