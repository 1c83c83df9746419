package dev.kairos.web;

import dev.kairos.github.GitHubWebhooks;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.function.LongConsumer;

/**
 * {@code POST /hooks/github}: hands the raw body and GitHub's headers to {@link GitHubWebhooks} and answers at
 * once; the work happens later, from the inbox. A delivery that stored an event wakes the heartbeat.
 */
public final class GitHubHook {
    static final String PATH = "/hooks/github";

    private final GitHubWebhooks webhooks;
    private final Runnable wake;
    private final LongConsumer handlingNanos;

    /**
     * @param wake called after a delivery stored a new event (the running agent beats at once)
     * @param handlingNanos told how long each delivery took inside the server, from the handler's start to its
     *     answer (the benchmark's figure)
     */
    public GitHubHook(GitHubWebhooks webhooks, Runnable wake, LongConsumer handlingNanos) {
        this.webhooks = webhooks;
        this.wake = wake;
        this.handlingNanos = handlingNanos;
    }

    public GitHubHook(GitHubWebhooks webhooks, Runnable wake) {
        this(webhooks, wake, nanos -> {});
    }

    void handle(Context ctx) throws IOException {
        long start = System.nanoTime();
        GitHubWebhooks.Headers headers = new GitHubWebhooks.Headers(ctx.header("X-Hub-Signature-256"),
                ctx.header("X-GitHub-Event"), ctx.header("X-GitHub-Delivery"));
        GitHubWebhooks.Answer answer = webhooks.receive(headers, ctx.req().getContentLengthLong(),
                ctx.req().getInputStream());
        ctx.status(answer.status()).contentType("text/plain; charset=utf-8").result(answer.message() + "\n");
        if (answer.stored().isPresent()) wake.run();
        handlingNanos.accept(System.nanoTime() - start);
    }
}
