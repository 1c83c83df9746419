package dev.kairos.channel;

import dev.kairos.effect.Outbox;
import dev.kairos.tool.ToolContext;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The {@code reply} tool of one turn of a message's task: each reply is recorded in the outbox, never sent here, cut
 * into parts of the channel's longest message, each part its own effect. The key names the task, the message, the
 * reply's place in the turn and the part, so a turn replayed after a crash or an approval records nothing new for
 * what it already decided, and the courier sends each part once. Each part names the one before it, and waits
 * for it: the parts of a turn's replies arrive in order.
 */
final class Replies implements ToolContext.Reply {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Incoming message;
    private final int maxLength;
    private final long taskId;
    private int count;
    private String previous; // the key of this turn's last part: the next waits for it

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
                String key = key(n, i + 1);
                Outgoing part = Outgoing.answer(message, parts.get(i), Optional.ofNullable(previous));
                Outbox.record(h, part.draft(key).forTask(taskId), now);
                previous = key;
            }
        });
    }

    /** "telegram:reply:task-7:42/1001:1.2": task 7's first reply to message 1001 of chat 42, its second part. */
    private String key(int reply, int part) {
        return message.channel() + ":reply:task-" + taskId + ":" + message.chat() + "/" + message.messageId() + ":"
                + reply + "." + part;
    }
}
