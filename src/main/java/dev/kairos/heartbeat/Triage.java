package dev.kairos.heartbeat;

import dev.kairos.event.Event;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * Turns events into tasks by rules. Events without a rule are only journaled (a commit, a file change): they are
 * worth remembering, not worth a model call.
 */
public final class Triage {
    /**
     * A rule that may decline (no task) and may keep its own state in the beat's transaction (which commits with
     * the task it made, or with nothing): GitHub's reactions keep one open fix per failure signature this way.
     */
    @FunctionalInterface
    public interface Rule {
        Optional<Task> taskFor(Handle h, Event e);
    }

    private final Map<String, Rule> rules;

    /** Rules that always make a task for their kind of event. */
    public Triage(Map<String, Function<Event, Task>> rules) {
        Map<String, Rule> adapted = new HashMap<>();
        rules.forEach((kind, f) -> adapted.put(kind, (h, e) -> Optional.of(f.apply(e))));
        this.rules = Map.copyOf(adapted);
    }

    private Triage(Triage base, Map<String, Rule> more) {
        Map<String, Rule> all = new HashMap<>(base.rules);
        all.putAll(more);
        this.rules = Map.copyOf(all);
    }

    /** These rules besides this triage's (a kind in both: the new rule). */
    public Triage with(Map<String, Rule> more) {
        return new Triage(this, more);
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

    /** The task for {@code e}, if a rule makes one, in the beat's transaction {@code h}. */
    public Optional<Task> taskFor(Handle h, Event e) {
        Rule rule = rules.get(e.kind());
        return rule == null ? Optional.empty() : rule.taskFor(h, e);
    }

    private static Task task(String kind, String title, Event e) {
        return Task.create(kind, title, e.trust(), e.id(), e.observedAt());
    }
}
