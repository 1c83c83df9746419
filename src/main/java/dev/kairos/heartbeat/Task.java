package dev.kairos.heartbeat;

import dev.kairos.event.Trust;
import java.time.Instant;
import java.util.List;

/** Work triage made from an event: a failing check becomes a fix task, a due check a check task. */
public record Task(long id, String kind, String title, State state, Trust trust, Long eventId, Instant createdAt,
        String detail) {

    public enum State {
        /** Waiting for a turn (or for a model to be configured). */
        PENDING,
        RUNNING,
        /** Waiting for what {@link Wait} says (kept beside the state, in the tasks' {@code wait} column). */
        WAITING,
        DONE,
        FAILED
    }

    /** What a WAITING task waits for. */
    public enum Wait {
        /** The user's decision on the approvals it asked for: it goes back to the queue once none is pending. */
        APPROVAL
    }

    /** One line for `kairos status`: which task failed, why, and the last line of the output it left. */
    public String failure() {
        List<String> lines = detail.lines().filter(l -> !l.isBlank()).toList();
        String why = lines.isEmpty() ? "no reason recorded" : lines.getFirst().strip();
        String last = lines.size() > 1 ? " (output ends: " + lines.getLast().strip() + ")" : "";
        return "task " + id + " (" + kind + ") failed: " + why + last;
    }

    /** A task not yet stored (id 0). */
    public static Task create(String kind, String title, Trust trust, Long eventId, Instant at) {
        return new Task(0, kind, title, State.PENDING, trust, eventId, at, "");
    }
}
