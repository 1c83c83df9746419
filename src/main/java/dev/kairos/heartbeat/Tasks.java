package dev.kairos.heartbeat;

import dev.kairos.event.Trust;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** Tasks in the store, with their state. */
public final class Tasks {
    private static final RowMapper<Task> MAPPER = (rs, ctx) -> new Task(rs.getLong("id"), rs.getString("kind"),
            rs.getString("title"), Task.State.valueOf(rs.getString("state")), Trust.valueOf(rs.getString("trust")),
            rs.getObject("event_id") == null ? null : rs.getLong("event_id"),
            Instant.ofEpochMilli(rs.getLong("created_at")), rs.getString("detail"));

    private final Jdbi jdbi;

    public Tasks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static Task insert(Handle h, Task t) {
        long id = h.createUpdate("""
                INSERT INTO tasks (kind, title, state, trust, event_id, created_at, updated_at, detail)
                VALUES (:kind, :title, :state, :trust, :eventId, :at, :at, :detail)""")
                .bind("kind", t.kind()).bind("title", t.title()).bind("state", t.state().name())
                .bind("trust", t.trust().name()).bind("eventId", t.eventId())
                .bind("at", t.createdAt().toEpochMilli()).bind("detail", t.detail())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        return new Task(id, t.kind(), t.title(), t.state(), t.trust(), t.eventId(), t.createdAt(), t.detail());
    }

    public Task add(Task t) {
        return jdbi.inTransaction(h -> insert(h, t));
    }

    public List<Task> inState(Task.State state) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE state = :s ORDER BY id")
                .bind("s", state.name()).map(MAPPER).list());
    }

    public Optional<Task> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE id = :id").bind("id", id).map(MAPPER)
                .findOne());
    }

    public void setState(long id, Task.State state, String detail, Instant at) {
        jdbi.useHandle(h -> setState(h, id, state, detail, at));
    }

    /** The same in the caller's transaction, so what the step decided (an outbox effect) commits with it. */
    public static void setState(Handle h, long id, Task.State state, String detail, Instant at) {
        h.createUpdate("UPDATE tasks SET state = :s, wait = NULL, detail = :d, updated_at = :at WHERE id = :id")
                .bind("s", state.name()).bind("d", detail).bind("at", at.toEpochMilli()).bind("id", id).execute();
    }

    /** The task has read someone else's text: it is untrusted from now on (it never becomes trusted again). */
    public void taint(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tasks SET trust = :t WHERE id = :id")
                .bind("t", Trust.UNTRUSTED.name()).bind("id", id).execute());
    }

    /** The task waits (state WAITING) for what {@code wait} says. */
    public void waitFor(long id, Task.Wait wait, String detail, Instant at) {
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE tasks SET state = 'WAITING', wait = :w, detail = :d, updated_at = :at WHERE id = :id")
                .bind("w", wait.name()).bind("d", detail).bind("at", at.toEpochMilli()).bind("id", id).execute());
    }

    /**
     * Tasks waiting for approvals go back to the queue once none of theirs is pending any more ({@code stillAsking}
     * gives the tasks that have one; asked only when some task waits): decided, or expired, which counts as no.
     * Only a waiting task moves, so a decision never takes up a task that is done, failed or already queued.
     * Returns the ids put back.
     */
    public List<Long> resumeAnswered(Supplier<Set<Long>> stillAsking, Instant at) {
        List<Long> waiting = jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM tasks WHERE state = 'WAITING' AND wait = :w ORDER BY id")
                .bind("w", Task.Wait.APPROVAL.name()).mapTo(Long.class).list());
        if (waiting.isEmpty()) return List.of();
        Set<Long> asking = stillAsking.get();
        List<Long> back = new ArrayList<>();
        for (long id : waiting) {
            if (asking.contains(id)) continue;
            // it moves only if it still waits for approvals, whatever ran in between
            int moved = jdbi.withHandle(h -> h.createUpdate("""
                            UPDATE tasks SET state = 'PENDING', wait = NULL, updated_at = :at,
                            detail = 'its approvals were decided or expired'
                            WHERE id = :id AND state = 'WAITING' AND wait = :w""")
                    .bind("at", at.toEpochMilli()).bind("id", id).bind("w", Task.Wait.APPROVAL.name()).execute());
            if (moved == 1) back.add(id);
        }
        return back;
    }

    /** The latest tasks that failed after {@code since}, newest first. */
    public List<Task> failedSince(Instant since, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM tasks WHERE state = 'FAILED' AND updated_at >= :since
                        ORDER BY updated_at DESC, id DESC LIMIT :limit""")
                .bind("since", since.toEpochMilli()).bind("limit", limit).map(MAPPER).list());
    }

    /** Counts one outright refusal of the task's request by the model; the task waits again. Returns the count. */
    public int refusedByModel(long id, String detail, Instant at) {
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                            UPDATE tasks SET state = 'PENDING', detail = :d, updated_at = :at,
                                model_refusals = model_refusals + 1 WHERE id = :id""")
                    .bind("d", detail).bind("at", at.toEpochMilli()).bind("id", id).execute();
            return h.createQuery("SELECT model_refusals FROM tasks WHERE id = :id").bind("id", id)
                    .mapTo(Integer.class).one();
        });
    }

    /** Tasks left RUNNING by a process that died are run again. */
    public int requeueInterrupted(Instant at) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE tasks SET state = 'PENDING', updated_at = :at WHERE state = 'RUNNING'")
                .bind("at", at.toEpochMilli()).execute());
    }

    public Map<Task.State, Integer> countByState() {
        Map<Task.State, Integer> counts = new EnumMap<>(Task.State.class);
        for (Task.State s : Task.State.values()) counts.put(s, 0);
        jdbi.useHandle(h -> h.createQuery("SELECT state, count(*) AS n FROM tasks GROUP BY state")
                .map((rs, ctx) -> Map.entry(Task.State.valueOf(rs.getString("state")), rs.getInt("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
        return counts;
    }
}
