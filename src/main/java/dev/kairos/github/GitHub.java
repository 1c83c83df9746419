package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import dev.kairos.effect.Courier;
import dev.kairos.heartbeat.Triage;
import dev.kairos.process.Git;
import dev.kairos.sense.Sensor;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;

/**
 * GitHub, wired once: the repositories followed, deliveries into inbox events (by webhook and by polling), the
 * triage rules that react to them, the fix flow, and the couriers of what Kairos writes there. The API client is
 * made on the first write, so a Kairos that never writes to GitHub builds none.
 */
public final class GitHub implements AutoCloseable {
    private final GitHubSettings settings;
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Git git;
    private final Subscriptions subscriptions;
    private final Normaliser events;
    private final GitHubWebhooks webhooks;
    private GitHubAccess access;

    public GitHub(GitHubSettings settings, Jdbi jdbi, InstantSource clock, Git git) {
        this.settings = settings;
        this.jdbi = jdbi;
        this.clock = clock;
        this.git = git;
        this.subscriptions = new Subscriptions(jdbi, settings.repos());
        this.events = new Normaliser(subscriptions::followed, settings.owners(), clock);
        this.webhooks = new GitHubWebhooks(settings.webhookSecret(), events, jdbi, clock);
    }

    /** The repositories followed: kairos.yaml's and those added with `kairos github subscribe`. */
    public Subscriptions subscriptions() {
        return subscriptions;
    }

    /** Deliveries (webhooks and polling alike) into inbox events. */
    public Normaliser events() {
        return events;
    }

    /** POST /hooks/github's checks, independent of HTTP. */
    public GitHubWebhooks webhooks() {
        return webhooks;
    }

    /** The poller, unless {@code github.poll} is 0 (webhooks only). */
    public Optional<Sensor> poller() {
        return settings.pollEvery().isPositive()
                ? Optional.of(new GitHubPoller(subscriptions::followed, events, jdbi, clock, settings))
                : Optional.empty();
    }

    /** Triage: a failed check becomes a fix, a mention by a permitted user a reply, a pull request a review. */
    public Map<String, Triage.Rule> reactions() {
        List<String> permitted = new ArrayList<>(settings.owners());
        permitted.addAll(settings.mentionsFrom());
        return new Reactions(subscriptions::settings, settings.handle(), permitted).rules();
    }

    /** Where a fix task works and what its verified fix sets off; {@code watchedTest} gives a checkout's test. */
    public GitHubFixes fixes(Function<Path, Optional<String>> watchedTest) {
        return new GitHubFixes(subscriptions::settings, watchedTest, git, new RemoteCredentials(git, settings));
    }

    /** The issue and pull-request threads a reply task answers in. */
    public GitHubThreads threads() {
        return new GitHubThreads(jdbi, clock);
    }

    /** Who delivers what Kairos writes to GitHub: a fix's branch and draft pull request, a comment. */
    public List<Courier> couriers() {
        return List.of(new FixCourier(git, this::access, new RemoteCredentials(git, settings)),
                new CommentCourier(this::access));
    }

    private synchronized GitHubAccess access() {
        if (access == null) access = GitHubAccess.of(settings, clock);
        return access;
    }

    @Override
    public void close() {
        webhooks.close();
        subscriptions.close();
    }
}
