package dev.kairos.channel;

import dev.kairos.effect.Courier;
import dev.kairos.event.Trust;
import dev.kairos.sense.Sensor;
import java.util.Optional;

/**
 * A place where the user talks to the agent besides the terminal (a Telegram bot). Messages come in through its
 * {@link #receiver()} as {@code message.received} events, stored in the inbox with whatever marks them as read, so a
 * restart neither loses nor repeats one; each becomes a reply task whose {@code reply} tool records the answer in the
 * outbox (effect kind {@link #sendKind()}), and the channel's {@link #courier()} delivers it into the thread the
 * message came from. Each chat keeps its own conversation window (see {@link ChatLog}).
 */
public interface Channel {
    /** Its name, which is also the source of its events: "telegram". */
    String name();

    /** The kind of the outbox effects it delivers: "telegram.send". */
    default String sendKind() {
        return name() + ".send";
    }

    /** The longest text one message may hold; a longer reply goes out as several, each its own effect. */
    int maxLength();

    /** Whose words a message is: the user's own (instructions), or someone else's (data, which taints a turn). */
    Trust trust(Incoming message);

    /** Receives new messages into the inbox. */
    Sensor receiver();

    /** Delivers the effects of kind {@link #sendKind()}. */
    Courier courier();

    /**
     * The chat a new thread started under {@code key} goes to ({@code message_user}): the user's own; empty while
     * there is none (no chat paired yet).
     */
    default Optional<String> startsIn(String key) {
        return Optional.empty();
    }

    /** What stops it working (a refused token, an unreachable server), for `kairos status`; empty while it works. */
    default Optional<String> problem() {
        return Optional.empty();
    }
}
