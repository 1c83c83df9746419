package dev.kairos.channel;

import dev.kairos.effect.Outbox;
import dev.kairos.tool.ToolContext;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code reply} tool of one turn of a message's task: each reply is recorded in the outbox, never sent here, cut
 * into parts of the channel's longest message, each part its own effect. The key names the task, the message, the
 * reply's place in the turn and the part, so a turn replayed after a crash or an approval records nothing new for
 * what it already decided, and the courier sends each part once.
 */
final class Replies implements ToolContext.Reply {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Incoming message;
    private final int maxLength;
    private final long taskId;
    private int count;

    Replies(Jdbi jdbi, InstantSource clock, Incoming message, int maxLength, long taskId) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.message = message;
        this.maxLength = maxLength;
        this.taskId = taskId;
    }

    @Override
    public synchronized void reply(String text) {
        int n = ++count;
        List<String> parts = Parts.of(text, maxLength);
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            for (int i = 0; i < parts.size(); i++) {
                Outbox.record(h, Outgoing.answer(message, parts.get(i)).draft(key(n, i + 1)).forTask(taskId), now);
            }
        });
    }

    /** "telegram:reply:task-7:42/1001:1.2": task 7's first reply to message 1001 of chat 42, its second part. */
    private String key(int reply, int part) {
        return message.channel() + ":reply:task-" + taskId + ":" + message.chat() + "/" + message.messageId() + ":"
                + reply + "." + part;
    }
}
