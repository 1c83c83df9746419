package dev.kairos.sense;

/**
 * One standing check from HEARTBEAT.md: {@code - weekdays at 09:00: look at the open pull requests}.
 *
 * @param id a hash of the normalised line: editing the line makes it a new item
 * @param line the line number in the file, from 1
 * @param schedule the schedule as written ({@code weekdays at 09:00})
 * @param text what to check
 */
public record ScheduleItem(String id, int line, String schedule, String text) {}
