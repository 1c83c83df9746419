package dev.kairos.sense;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A sensor's state, read once from the store and kept in memory (the sensor is its only writer), whose changes
 * become durable only at the next poll. A poll's events reach the inbox after the poll returns; writing "reported"
 * before that would lose them to a crash in between. Staging the writes until the next poll makes a crash repeat
 * the events instead, which the inbox deduplicates. Not thread-safe: use it from the polling thread.
 */
final class StagedState {
    private final SensorState state;
    private TreeMap<String, String> durable;
    private final Map<String, Optional<String>> staged = new LinkedHashMap<>();

    StagedState(SensorState state) {
        this.state = state;
    }

    Optional<String> get(String key) {
        Optional<String> pending = staged.get(key);
        return pending != null ? pending : Optional.ofNullable(durable().get(key));
    }

    /** Keys starting with {@code prefix}, staged changes included, in key order. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new TreeMap<>(durable().subMap(prefix, prefix + Character.MAX_VALUE));
        staged.forEach((key, value) -> {
            if (!key.startsWith(prefix)) return;
            if (value.isPresent()) found.put(key, value.get());
            else found.remove(key);
        });
        return found;
    }

    void put(String key, String value) {
        staged.put(key, Optional.of(value));
    }

    void remove(String key) {
        staged.put(key, Optional.empty());
    }

    /** Makes the staged changes durable: call when the events they describe have been stored (or there are none). */
    void commit() {
        if (staged.isEmpty()) return;
        Map<String, String> puts = new LinkedHashMap<>();
        List<String> removals = new ArrayList<>();
        staged.forEach((key, value) -> {
            if (value.isPresent()) puts.put(key, value.get());
            else if (durable().containsKey(key)) removals.add(key);
        });
        state.update(puts, removals);
        durable().putAll(puts);
        removals.forEach(durable()::remove);
        staged.clear();
    }

    private TreeMap<String, String> durable() {
        if (durable == null) durable = new TreeMap<>(state.withPrefix(""));
        return durable;
    }
}
