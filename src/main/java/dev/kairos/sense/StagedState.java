package dev.kairos.sense;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sensor state whose changes become durable only at the next poll. A poll's events reach the inbox after the poll
 * returns; writing the state that says "reported" before that would lose them to a crash in between. Staging the
 * writes until the next poll makes a crash repeat the events instead, which the inbox deduplicates.
 */
final class StagedState {
    private final SensorState state;
    private final Map<String, Optional<String>> staged = new LinkedHashMap<>();

    StagedState(SensorState state) {
        this.state = state;
    }

    Optional<String> get(String key) {
        Optional<String> pending = staged.get(key);
        return pending != null ? pending : state.get(key);
    }

    /** Keys starting with {@code prefix}, staged changes included. */
    Map<String, String> withPrefix(String prefix) {
        Map<String, String> found = new LinkedHashMap<>(state.withPrefix(prefix));
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

    /** Writes through at once, for facts that must survive a crash before anything is reported. */
    void putNow(String key, String value) {
        staged.remove(key);
        state.put(key, value);
    }

    /** Makes the staged changes durable: call when the events they describe have been stored (or there are none). */
    void commit() {
        staged.forEach((key, value) -> {
            if (value.isPresent()) state.put(key, value.get());
            else state.remove(key);
        });
        staged.clear();
    }
}
