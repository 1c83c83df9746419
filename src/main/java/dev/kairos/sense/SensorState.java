package dev.kairos.sense;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** What a sensor remembers between polls and across restarts, as key/value text in the store. */
public final class SensorState {
    private final Jdbi jdbi;
    private final String sensor;

    public SensorState(Jdbi jdbi, String sensor) {
        this.jdbi = jdbi;
        this.sensor = sensor;
    }

    public Optional<String> get(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT value FROM sensor_state WHERE sensor = :s AND key = :k")
                .bind("s", sensor).bind("k", key).mapTo(String.class).findOne());
    }

    public void put(String key, String value) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO sensor_state (sensor, key, value) VALUES (:s, :k, :v)
                ON CONFLICT (sensor, key) DO UPDATE SET value = excluded.value""")
                .bind("s", sensor).bind("k", key).bind("v", value).execute());
    }

    /** Puts {@code key} unless {@code unlessKey} is present: one statement, so it cannot race a write of that key. */
    public void putUnless(String key, String value, String unlessKey) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO sensor_state (sensor, key, value) SELECT :s, :k, :v
                WHERE NOT EXISTS (SELECT 1 FROM sensor_state WHERE sensor = :s AND key = :u)
                ON CONFLICT (sensor, key) DO UPDATE SET value = excluded.value""")
                .bind("s", sensor).bind("k", key).bind("v", value).bind("u", unlessKey).execute());
    }

    /** Adds one to the number under {@code key} (absent: 0) and returns it: one statement, so no two callers share one. */
    public long increment(String key) {
        return jdbi.withHandle(h -> h.createQuery("""
                INSERT INTO sensor_state (sensor, key, value) VALUES (:s, :k, '1')
                ON CONFLICT (sensor, key) DO UPDATE SET value = CAST(value AS INTEGER) + 1
                RETURNING value""")
                .bind("s", sensor).bind("k", key).mapTo(Long.class).one());
    }

    public void remove(String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sensor_state WHERE sensor = :s AND key = :k")
                .bind("s", sensor).bind("k", key).execute());
    }

    /** Writes {@code puts} and deletes {@code removals} in one transaction. */
    public void update(Map<String, String> puts, Collection<String> removals) {
        if (puts.isEmpty() && removals.isEmpty()) return;
        jdbi.useTransaction(h -> {
            for (var put : puts.entrySet()) {
                h.createUpdate("""
                        INSERT INTO sensor_state (sensor, key, value) VALUES (:s, :k, :v)
                        ON CONFLICT (sensor, key) DO UPDATE SET value = excluded.value""")
                        .bind("s", sensor).bind("k", put.getKey()).bind("v", put.getValue()).execute();
            }
            for (String key : removals) {
                h.createUpdate("DELETE FROM sensor_state WHERE sensor = :s AND key = :k")
                        .bind("s", sensor).bind("k", key).execute();
            }
        });
    }

    /** Every key that starts with {@code prefix}, with its value, in key order. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                SELECT key, value FROM sensor_state
                WHERE sensor = :s AND substr(key, 1, length(:p)) = :p ORDER BY key""")
                .bind("s", sensor).bind("p", prefix)
                .map((rs, ctx) -> Map.entry(rs.getString("key"), rs.getString("value")))
                .forEach(e -> found.put(e.getKey(), e.getValue())));
        return found;
    }
}
