package dev.kairos.channel;

import dev.kairos.agent.Conversations;
import dev.kairos.event.Event;
import dev.kairos.heartbeat.Task;
import java.time.Instant;
import java.util.Optional;

/**
 * The thread a message task answers in: a channel's chat, else one of {@code others} (a GitHub issue or pull
 * request). A thread the agent starts ({@code message_user}) goes to the user's preferred channel.
 */
record Threads(Channels channels, Conversations others) implements Conversations {
    @Override
    public Optional<Conversation> of(Task task, Event event, int tokens) {
        return channels.of(task, event, tokens).or(() -> others.of(task, event, tokens));
    }

    @Override
    public String start(String text, String key) {
        return channels.start(text, key);
    }

    @Override
    public boolean canStart() {
        return channels.canStart();
    }

    @Override
    public Optional<Instant> lastStarted() {
        return channels.lastStarted();
    }

    @Override
    public boolean started(String key) {
        return channels.started(key);
    }
}
