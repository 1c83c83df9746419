package dev.kairos.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outcome;
import dev.kairos.json.Json;

/** Delivers the outbox's {@code notify.<name>} effects, whose payload is a {@link Notification} as JSON. */
record NotifierCourier(Notifier notifier) implements Courier {

    @Override
    public String kind() {
        return Notifiers.kind(notifier.name());
    }

    @Override
    public Outcome deliver(Effect effect) {
        Notification n;
        try {
            n = Json.MAPPER.readValue(effect.payload(), Notification.class);
        } catch (JsonProcessingException | RuntimeException e) {
            // the same payload would fail alike every time
            return new Outcome.Refused("not a notification: " + (e instanceof JsonProcessingException j
                    ? j.getOriginalMessage() : e.getMessage()));
        }
        return notifier.send(n);
    }
}
