package dev.kairos.cli;

import dev.kairos.event.Event;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.Task;
import java.time.Instant;
import java.util.List;

/** `kairos tick --json`: what one beat did. Field names are part of the command-line contract. */
record TickReport(Instant at, boolean idle, List<EventView> events, List<TaskView> tasks, int modelCalls) {
    record EventView(long id, String source, String kind, String key, String summary) {}

    record TaskView(long id, String kind, String title, String state) {}

    static TickReport of(BeatReport r) {
        return new TickReport(r.at(), r.idle(),
                r.events().stream().map(TickReport::view).toList(),
                r.tasks().stream().map(TickReport::view).toList(), r.modelCalls());
    }

    private static EventView view(Event e) {
        return new EventView(e.id(), e.source(), e.kind(), e.key(), e.summary());
    }

    private static TaskView view(Task t) {
        return new TaskView(t.id(), t.kind(), t.title(), t.state().name().toLowerCase());
    }
}
