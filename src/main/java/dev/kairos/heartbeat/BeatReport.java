package dev.kairos.heartbeat;

import dev.kairos.event.Event;
import java.time.Instant;
import java.util.List;

/** What one beat did. An idle beat saw no event, created no task and made no model call. */
public record BeatReport(Instant at, boolean idle, List<Event> events, List<Task> tasks, int modelCalls) {

    public static BeatReport idle(Instant at) {
        return new BeatReport(at, true, List.of(), List.of(), 0);
    }

    /** One short line for the operator log. */
    public String line() {
        if (idle) return "beat idle";
        StringBuilder sb = new StringBuilder("beat events=").append(events.size());
        if (!events.isEmpty()) {
            sb.append(" (").append(String.join(", ", events.stream().map(Event::kind).distinct().toList())).append(')');
        }
        sb.append(" tasks=").append(tasks.size());
        if (!tasks.isEmpty()) {
            sb.append(" (").append(String.join(", ", tasks.stream().map(Task::kind).distinct().toList())).append(')');
        }
        return sb.append(" modelCalls=").append(modelCalls).toString();
    }
}
