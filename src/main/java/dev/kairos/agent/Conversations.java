package dev.kairos.agent;

import dev.kairos.event.Event;
import dev.kairos.heartbeat.Task;
import dev.kairos.model.Message;
import dev.kairos.tool.ToolContext;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The thread a task's message came from (a Telegram chat): what was said there before, and where the task's
 * {@code reply} tool answers. The channels provide it; a task without one gets no reply tool.
 */
@FunctionalInterface
public interface Conversations {
    /** The thread of {@code event}, with at most {@code windowTokens} of its recent past; empty: not a message. */
    Optional<Conversation> of(Task task, Event event, int windowTokens);

    /**
     * Records, under {@code key}, a message that starts a thread with the user on their preferred channel
     * ({@code message_user}); says where it goes. An IllegalStateException when it cannot go anywhere yet.
     */
    default String start(String text, String key) {
        throw new IllegalStateException("no channel to message the user on");
    }

    /** Whether {@link #start} has a channel: {@code message_user} is offered only then. */
    default boolean canStart() {
        return false;
    }

    /** When the newest thread {@link #start} recorded was recorded, if any: the delivery policy paces them. */
    default Optional<java.time.Instant> lastStarted() {
        return Optional.empty();
    }

    /** Whether a thread was recorded under {@code key} already (a replayed turn: recording it again does nothing). */
    default boolean started(String key) {
        return false;
    }

    /**
     * @param window what was said in the thread before this message, oldest first, starting with the user's
     * @param untrusted whether the window holds someone else's text: the turn is then tainted
     * @param reply records each reply for delivery through the outbox; a new one is made for each turn, and a
     *     replayed turn records the same keys again, so nothing is sent twice
     */
    record Conversation(List<Message> window, boolean untrusted, ToolContext.Reply reply) {
        public Conversation {
            window = List.copyOf(window);
            Objects.requireNonNull(reply, "reply");
        }
    }
}
