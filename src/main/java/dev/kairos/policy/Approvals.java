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
import java.util.TreeMap;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The approvals table: a call the policy answered "ask" for waits here until the user approves or denies it, or
 * until it expires, which means no. Expiry is read from the injected clock, so every read sees it.
 */
public final class Approvals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RowMapper<Approval> MAPPER = (rs, ctx) -> {
        long decided = rs.getLong("decided_at");
        boolean noDecision = rs.wasNull();
        long task = rs.getLong("task_id");
        boolean noTask = rs.wasNull();
        return new Approval(rs.getLong("id"), Instant.ofEpochMilli(rs.getLong("created_at")),
                Instant.ofEpochMilli(rs.getLong("expires_at")), noTask ? null : task, rs.getString("tool"),
                parse(rs.getString("input")), rs.getString("reason"), Approval.State.valueOf(rs.getString("state")),
                noDecision ? null : Instant.ofEpochMilli(decided));
    };

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

    /** Approves a pending call; one already decided or expired is returned as it is. Empty: no such id. */
    public Optional<Approval> approve(long id) {
        return decide(id, Approval.State.APPROVED);
    }

    /** Denies a pending call; one already decided or expired is returned as it is. Empty: no such id. */
    public Optional<Approval> deny(long id) {
        return decide(id, Approval.State.DENIED);
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

    /** Marks the pending approvals whose time is up as expired; returns how many. */
    public int expireDue() {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> expire(h, now));
    }

    private Optional<Approval> decide(long id, Approval.State to) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            expire(h, now);
            h.createUpdate("UPDATE approvals SET state = :to, decided_at = :now WHERE id = :id AND state = 'PENDING'")
                    .bind("to", to.name()).bind("now", now.toEpochMilli()).bind("id", id).execute();
            return find(h, id);
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
