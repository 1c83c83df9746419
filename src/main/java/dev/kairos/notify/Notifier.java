package dev.kairos.notify;

import dev.kairos.effect.Outcome;

/**
 * One way to reach the user's devices (ntfy, Web Push, email). Called by the outbox (and directly only by
 * {@code kairos notify test}, a test of the settings): a send is one attempt whose {@link Outcome} says delivered,
 * retry later (a 5xx, a time-out) or refused for good (a 4xx).
 */
public interface Notifier {
    /** Short and stable ("ntfy", "webpush", "email"): the outbox kind is {@code notify.<name>}. */
    String name();

    Outcome send(Notification notification);
}
