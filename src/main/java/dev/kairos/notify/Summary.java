package dev.kairos.notify;

import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Several waiting notifications as one: "10 × Check failed" when they share a title, else "3 notifications"; a
 * digest (after quiet hours) says so and gives each line its local time. One line per notification, clipped, so
 * the whole fits a push message (ntfy takes 4,096 bytes).
 */
final class Summary {
    static final int MAX_LINES = 20;
    static final int MAX_LINE = 160;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

    private Summary() {}

    static Notification of(List<NotificationLog.Held> held, boolean digest, ZoneId zone) {
        String firstTitle = held.getFirst().notification().title();
        boolean oneTitle = held.stream().allMatch(x -> x.notification().title().equals(firstTitle));
        String count = oneTitle ? held.size() + " × " + firstTitle : held.size() + " notifications";
        String title = digest ? "While you were away: " + count : count;
        List<String> lines = new ArrayList<>();
        for (NotificationLog.Held x : held.subList(0, Math.min(held.size(), MAX_LINES))) {
            Notification n = x.notification();
            String text = firstLine(n.message());
            String what = text.isEmpty() ? n.title() : oneTitle ? text : n.title() + ": " + text;
            lines.add(clip((digest ? TIME.format(x.createdAt().atZone(zone)) + " " : "• ") + what));
        }
        if (held.size() > MAX_LINES) lines.add("… and " + (held.size() - MAX_LINES) + " more");
        boolean anyNormal = held.stream().anyMatch(x -> x.notification().priority() != Notification.Priority.LOW);
        Optional<URI> click = held.getFirst().notification().click();
        boolean oneClick = held.stream().allMatch(x -> x.notification().click().equals(click));
        return new Notification(title, String.join("\n", lines), anyNormal ? Notification.Priority.NORMAL
                : Notification.Priority.LOW, List.of(), oneClick ? click : Optional.empty(),
                digest ? List.of("digest") : List.of());
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("");
    }

    private static String clip(String line) {
        return line.length() <= MAX_LINE ? line : line.substring(0, MAX_LINE - 1) + "…";
    }
}
