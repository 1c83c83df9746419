package dev.kairos.heartbeat;

import dev.kairos.event.Event;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Turns events into tasks by rules. Events without a rule are only journaled (a commit, a file change): they are
 * worth remembering, not worth a model call.
 */
public final class Triage {
    private final Map<String, Function<Event, Task>> rules;

    public Triage(Map<String, Function<Event, Task>> rules) {
        this.rules = Map.copyOf(rules);
    }

    /**
     * The default rules: failing tests → fix, a due standing check → check, long-uncommitted work → remind, a message
     * → reply, the end of a command a task left running in the background → followup (with that task's trust).
     */
    public static Triage standard() {
        return new Triage(Map.of(
                "tests.failed", e -> task("fix", "Fix failing tests: " + e.summary(), e),
                "check.due", e -> task("check", e.summary(), e),
                "git.uncommitted", e -> task("remind", e.summary(), e),
                "message.received", e -> task("reply", e.summary(), e),
                "command.finished", e -> task("followup", "Follow up: " + e.summary(), e)));
    }

    public Optional<Task> taskFor(Event e) {
        Function<Event, Task> rule = rules.get(e.kind());
        return rule == null ? Optional.empty() : Optional.of(rule.apply(e));
    }

    private static Task task(String kind, String title, Event e) {
        return Task.create(kind, title, e.trust(), e.id(), e.observedAt());
    }
}
