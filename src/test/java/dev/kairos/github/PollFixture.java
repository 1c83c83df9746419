package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.store.Store;
import dev.kairos.testkit.FakeGitHub;
import dev.kairos.testkit.FakeGitHubRepo;
import dev.kairos.testkit.GitHubRequest;
import dev.kairos.testkit.SettableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A poller of {@code octo/app} on a {@link FakeGitHub}, with its store in a temporary folder and a settable clock.
 * Its normaliser records each delivery and gives it the change key GITHUB-EVENTS.md prescribes, read from the
 * delivery's own fields, so a missing field shows as a wrong key; the events go to the inbox as a beat would.
 */
final class PollFixture implements AutoCloseable {
    static final String TOKEN = "github_pat_test";
    static final Duration EVERY = Duration.ofMinutes(5);
    final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");
    final FakeGitHub github = FakeGitHub.start(clock);
    final FakeGitHubRepo repo = github.repo("octo/app");
    final Store store;
    final Inbox inbox;
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    GitHubSettings settings;

    PollFixture(Path dir) {
        github.acceptTokens(TOKEN);
        store = Store.open(dir.resolve("state.db"));
        inbox = new Inbox(store.jdbi());
        settings = new GitHubSettings(List.of(new GitHubSettings.Repo("octo/app", Optional.empty())), List.of(),
                Optional.empty(), Optional.empty(), Optional.of(TOKEN), URI.create(github.apiUrl()), EVERY);
    }

    GitHubPoller poller() {
        return new GitHubPoller(settings::repos, this::normalise, store.jdbi(), clock, settings);
    }

    /** One poll now, its events stored in the inbox as the heartbeat stores them; returns the new deliveries. */
    List<Delivery> poll(GitHubPoller poller) {
        int before = deliveries.size();
        poller.poll(clock.instant()).forEach(inbox::add);
        return List.copyOf(deliveries.subList(before, deliveries.size()));
    }

    /** The requests made by {@code action}. */
    List<GitHubRequest> requestsDuring(Runnable action) {
        int before = github.requests().size();
        action.run();
        return new ArrayList<>(github.requests().subList(before, github.requests().size()));
    }

    int events() {
        return store.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Integer.class).one());
    }

    private Optional<Event> normalise(Delivery d) {
        deliveries.add(d);
        return Optional.of(Event.observed("github", "github." + d.event(), key(d), clock.instant(), Trust.TRUSTED,
                d.event() + " in " + d.payload().at("/repository/full_name").asText(), "{}"));
    }

    /** The change keys of GITHUB-EVENTS.md, for the events polling delivers. */
    static String key(Delivery d) {
        JsonNode p = d.payload();
        String repo = p.at("/repository/full_name").asText("?");
        return switch (d.event()) {
            case "push" -> "push:" + repo + ":" + p.path("ref").asText("?") + ":" + p.path("after").asText("?");
            case "check_run" -> "check_run:" + repo + ":" + p.at("/check_run/id").asText("?") + ":"
                    + p.at("/check_run/status").asText("?") + ":" + p.at("/check_run/conclusion").asText("?");
            case "workflow_run" -> "workflow_run:" + repo + ":" + p.at("/workflow_run/id").asText("?") + ":"
                    + p.at("/workflow_run/run_attempt").asText("?") + ":" + p.at("/workflow_run/status").asText("?")
                    + ":" + p.at("/workflow_run/conclusion").asText("?");
            case "pull_request" -> "pull_request:" + repo + ":" + p.path("number").asText("?") + ":head:"
                    + p.at("/pull_request/head/sha").asText("?");
            case "issue_comment" -> "issue_comment:" + repo + ":" + p.at("/comment/id").asText("?") + ":"
                    + p.path("action").asText("?");
            default -> throw new AssertionError("polling delivered an event it should not: " + d.event());
        };
    }

    @Override
    public void close() {
        github.close();
    }
}
