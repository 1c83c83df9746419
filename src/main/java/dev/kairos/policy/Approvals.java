package dev.kairos.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The approvals table: a call the policy answered "ask" for waits here until the user approves or denies it, or
 * until it expires, which means no. Expiry is read from the injected clock, so every read sees it. The first
 * decision stands, and a yes is used once: {@link #use} marks it in the same statement that finds it.
 */
public final class Approvals {
    private static final ObjectMapper JSON = dev.kairos.json.Json.MAPPER;
    private static final RowMapper<Approval> MAPPER = (rs, ctx) -> {
        long decided = rs.getLong("decided_at");
        boolean noDecision = rs.wasNull();
        long task = rs.getLong("task_id");
        boolean noTask = rs.wasNull();
        long used = rs.getLong("used_at");
        boolean unused = rs.wasNull();
        return new Approval(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")), noTask ? null : task, rs.getString("tool"),
                parse(rs.getString("input")), rs.getString("reason"), Approval.State.valueOf(rs.getString("state")),
                noDecision ? null : Instant.ofEpochMilli(decided), unused ? null : Instant.ofEpochMilli(used));
    };

    /** An approval after the user's decision; {@code changed}: false when it was no longer pending. */
    public record Decided(Approval approval, boolean changed) {}

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Duration ttl;

    public Approvals(Jdbi jdbi, InstantSource clock, Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) throw new IllegalArgumentException("ttl must be positive: " + ttl);
        this.jdbi = jdbi;
        this.clock = clock;
        this.ttl = ttl;
    }

    /**
     * Asks for the call; returns the pending approval (the one already waiting, when the same task asks for the same
     * call again, so a model that insists does not pile up requests).
     */
    public Approval request(Long taskId, ToolCallRequest call, String reason) {
        Instant now = clock.instant();
        String input = canonical(call.input());
        return jdbi.inTransaction(h -> {
            expire(h, now);
            Optional<Approval> waiting = h.createQuery("""
                    SELECT * FROM approvals WHERE task_id IS :task AND tool = :tool AND input = :input
                    AND state = 'PENDING' ORDER BY id DESC LIMIT 1""")
                    .bind("task", taskId).bind("tool", call.tool()).bind("input", input).map(MAPPER).findOne();
            if (waiting.isPresent()) return waiting.get();
            h.createUpdate("""
                    INSERT INTO approvals (created_at, expires_at, task_id, tool, input, reason, state)
                    VALUES (:now, :expires, :task, :tool, :input, :reason, 'PENDING')""")
                    .bind("now", now.toEpochMilli()).bind("expires", now.plus(ttl).toEpochMilli())
                    .bind("task", taskId).bind("tool", call.tool()).bind("input", input).bind("reason", reason)
                    .execute();
            long id = h.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
            return find(h, id).orElseThrow();
        });
    }

    /** Waiting for an answer, oldest first. */
    public List<Approval> pending() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return h.createQuery("SELECT * FROM approvals WHERE state = 'PENDING' ORDER BY id").map(MAPPER).list();
        });
    }

    public Optional<Approval> find(long id) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return find(h, id);
        });
    }

    /** Approves a pending call; one already decided or expired stays as it is (not changed). Empty: no such id. */
    public Optional<Decided> approve(long id) {
        return decide(id, Approval.State.APPROVED);
    }

    /** Denies a pending call; one already decided or expired stays as it is (not changed). Empty: no such id. */
    public Optional<Decided> deny(long id) {
        return decide(id, Approval.State.DENIED);
    }

    /**
     * Uses the task's oldest unused yes for exactly this call: marks it used and returns it, in one statement, so
     * two runs can never both take it. Empty: no unused yes, and the call must not run. A chat (no task) never
     * reuses a yes: its approvals become its task's.
     */
    public Optional<Approval> use(Long taskId, ToolCallRequest call) {
        if (taskId == null) return Optional.empty();
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return h.createQuery("""
                    UPDATE approvals SET used_at = :now WHERE id = (SELECT id FROM approvals WHERE task_id = :task
                    AND tool = :tool AND input = :input AND state = 'APPROVED' AND used_at IS NULL ORDER BY id LIMIT 1)
                    RETURNING *""")
                    .bind("now", now.toEpochMilli()).bind("task", taskId).bind("tool", call.tool())
                    .bind("input", canonical(call.input())).map(MAPPER).findOne();
        });
    }

    /** Marks a decided approval as used (its chat was told, or its call ran); false: pending or used already. */
    public boolean settle(long id) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return h.createUpdate("""
                    UPDATE approvals SET used_at = :now WHERE id = :id AND state <> 'PENDING' AND used_at IS NULL""")
                    .bind("now", now.toEpochMilli()).bind("id", id).execute() == 1;
        });
    }

    /** The task's decided approvals whose decision was not used yet, oldest first. */
    public List<Approval> unsettled(long taskId) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return h.createQuery("""
                    SELECT * FROM approvals WHERE task_id = :task AND state <> 'PENDING' AND used_at IS NULL
                    ORDER BY id""").bind("task", taskId).map(MAPPER).list();
        });
    }

    /** Tasks with an approval still waiting for the user (expired ones no longer wait). */
    public Set<Long> tasksAsking() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return Set.copyOf(h.createQuery(
                    "SELECT DISTINCT task_id FROM approvals WHERE state = 'PENDING' AND task_id IS NOT NULL")
                    .mapTo(Long.class).list());
        });
    }

    /** Gives approvals a chat asked for (no task yet) to the task the chat became; others are left alone. */
    public void adopt(List<Long> ids, long taskId) {
        if (ids.isEmpty()) return;
        jdbi.useHandle(h -> h.createUpdate("UPDATE approvals SET task_id = :task WHERE id IN (<ids>) AND task_id IS NULL")
                .bind("task", taskId).bindList("ids", ids).execute());
    }

    /** The most recent approval of this call by this task (null: no task), in whatever state it is now. */
    public Optional<Approval> latest(Long taskId, ToolCallRequest call) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return h.createQuery("""
                    SELECT * FROM approvals WHERE task_id IS :task AND tool = :tool AND input = :input
                    ORDER BY id DESC LIMIT 1""")
                    .bind("task", taskId).bind("tool", call.tool()).bind("input", canonical(call.input()))
                    .map(MAPPER).findOne();
        });
    }

    /** Pending approvals not yet sent to the user's devices, oldest first. */
    public List<Approval> unannounced() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            return h.createQuery("SELECT * FROM approvals WHERE state = 'PENDING' AND notified_at IS NULL ORDER BY id")
                    .map(MAPPER).list();
        });
    }

    /**
     * Marks a pending approval as sent to the user's devices, in the caller's transaction (the one that records the
     * notification); false when it was marked before or is no longer pending: then nothing is to be sent.
     */
    public static boolean announce(Handle h, long id, Instant at) {
        return h.createUpdate("""
                UPDATE approvals SET notified_at = :at WHERE id = :id AND notified_at IS NULL AND state = 'PENDING'
                AND expires_at > :at""").bind("at", at.toEpochMilli()).bind("id", id).execute() == 1;
    }

    /** Marks the pending approvals whose time is up as expired; returns how many. */
    public int expireDue() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> expire(h, now));
    }

    private Optional<Decided> decide(long id, Approval.State to) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            int changed = h.createUpdate(
                            "UPDATE approvals SET state = :to, decided_at = :now WHERE id = :id AND state = 'PENDING'")
                    .bind("to", to.name()).bind("now", now.toEpochMilli()).bind("id", id).execute();
            return find(h, id).map(a -> new Decided(a, changed == 1));
        });
    }

    private static int expire(Handle h, Instant now) {
        return h.createUpdate("""
                UPDATE approvals SET state = 'EXPIRED', decided_at = expires_at
                WHERE state = 'PENDING' AND expires_at <= :now""").bind("now", now.toEpochMilli()).execute();
    }

    private static Optional<Approval> find(Handle h, long id) {
        return h.createQuery("SELECT * FROM approvals WHERE id = :id").bind("id", id).map(MAPPER).findOne();
    }

    /** JSON with every object's keys sorted, so the same call always reads the same. */
    static String canonical(JsonNode node) {
        try {
            return JSON.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a tool input as JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> fields = new TreeMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), sorted(e.getValue())));
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            fields.forEach(out::set);
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(n -> out.add(sorted(n)));
            return out;
        }
        return node;
    }

    private static ObjectNode parse(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            return n instanceof ObjectNode o ? o : JsonNodeFactory.instance.objectNode();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("approvals.input holds no JSON object: " + json, e);
        }
    }
}
