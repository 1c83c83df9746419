package dev.kairos.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outcome;
import dev.kairos.json.Json;
import dev.kairos.notify.Notification;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A notifier for tests, the courier of kind {@code notify.test}: it keeps what the outbox delivers to it. */
public final class TestNotifier implements Courier {
    public static final String NAME = "test";
    private final List<Notification> received = new CopyOnWriteArrayList<>();
    private final List<String> keys = new CopyOnWriteArrayList<>();

    @Override
    public String kind() {
        return "notify." + NAME;
    }

    @Override
    public Outcome deliver(Effect effect) {
        try {
            received.add(Json.MAPPER.readValue(effect.payload(), Notification.class));
        } catch (JsonProcessingException e) {
            throw new AssertionError("the payload of " + effect.key() + " is not a Notification: " + effect.payload(), e);
        }
        keys.add(effect.key());
        return new Outcome.Delivered("test-" + effect.id());
    }

    /** The notifications delivered, in order. */
    public List<Notification> received() {
        return List.copyOf(received);
    }

    /** The outbox keys they were delivered under. */
    public List<String> keys() {
        return List.copyOf(keys);
    }
}
