package dev.kairos;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What `kairos status` and GET /api/status report. Field names are part of the command-line contract; {@code outbox}
 * counts effects by state (pending, delivered, failed).
 */
public record Status(boolean running, String home, Instant lastBeat, int beatsToday, int idleBeatsToday,
        int pendingEvents, Map<String, Integer> tasks, Today today, List<String> watching, String model,
        List<String> problems, List<Scheduled> schedules, Map<String, Integer> outbox) {

    public record Today(long inputTokens, long outputTokens, double costUsd) {}

    /** A reminder ({@code at}) or recurring check ({@code every}) the agent set; a reminder is gone once it fired. */
    public record Scheduled(long id, String text, Instant at, String every, String setBy, Instant createdAt) {}
}
