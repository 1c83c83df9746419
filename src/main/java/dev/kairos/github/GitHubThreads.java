package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.agent.Conversations;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.json.Json;
import dev.kairos.tool.ToolContext;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Jdbi;

/**
 * The thread a GitHub reply or review task answers in: the issue or pull request its event came from. Each answer
 * through a reply task's reply tool is a {@code github.comment} effect keyed by task, thread and its place in the
 * turn, so a replayed turn records nothing new. A review posts one summary comment per pull request head: its key
 * names the head, not the task, so a second review of the same head (marked ready, run again) records nothing new,
 * and a second answer in the same turn is refused. The thread's earlier comments are not fetched: the event carries
 * the one that asked.
 */
public final class GitHubThreads implements Conversations {
    private static final Set<String> ANSWERED = Set.of("reply", "review");

    private final Jdbi jdbi;
    private final InstantSource clock;

    public GitHubThreads(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public Optional<Conversation> of(Task task, Event event, int windowTokens) {
        if (!event.source().equals(Normaliser.SOURCE) || !ANSWERED.contains(task.kind())) return Optional.empty();
        JsonNode p = Json.tree(event.payload());
        if (!p.path("number").canConvertToLong()) return Optional.empty();
        String repo = p.path("repository").asText();
        long number = p.path("number").asLong();
        AtomicInteger count = new AtomicInteger();
        String head = p.path("sha").asText("");
        ToolContext.Reply reply = text -> {
            int n = count.incrementAndGet();
            boolean review = task.kind().equals("review");
            if (review && n > 1) {
                throw new IllegalArgumentException("not posted: a review posts one summary comment, and this one's "
                        + "is recorded already");
            }
            String key = review
                    ? "github:review:" + repo + "#" + number + "@" + (head.isEmpty() ? "task-" + task.id() : head)
                    : "github:reply:task-" + task.id() + ":" + repo + "#" + number + ":" + n;
            jdbi.useTransaction(h -> Outbox.record(h, new Effect.Draft("github.comment", key,
                    CommentCourier.payload(repo, number, text), Optional.of(task.id())), clock.instant()));
        };
        return Optional.of(new Conversation(List.of(), event.trust() == Trust.UNTRUSTED, reply));
    }
}
