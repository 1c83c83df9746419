package dev.kairos.github;

import dev.kairos.config.Durations;
import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Event;
import dev.kairos.sense.Sensor;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows GitHub repositories by polling the REST API, for users whom webhooks cannot reach. Each repository is
 * polled when due ({@code github.poll}, raised by X-Poll-Interval); Retry-After and the rate limit hold every
 * request back until they allow it. What it finds is handed, webhook-shaped, to the same normaliser webhooks use,
 * so one change seen both ways is one inbox event. ETags, cursors and due times are kept in the store: a restart
 * neither repeats nor misses, and a poll that finds nothing costs a few 304s, no rate limit and no model call.
 */
public final class GitHubPoller implements Sensor {
    private static final Logger log = LoggerFactory.getLogger(GitHubPoller.class);
    private final Supplier<List<GitHubSettings.Repo>> repos;
    private final Function<Delivery, Optional<Event>> normaliser;
    private final GitHubAccess access;
    private final Cursors cursors;
    private final Pace pace;
    private final boolean ownsAccess;
    /** The problem last said for each repository, resource or the account ("*"): each is said once. */
    private final Map<String, String> said = new HashMap<>();

    /**
     * @param repos the repositories followed (kairos.yaml and `kairos github subscribe`), asked at every poll
     * @param normaliser turns a delivery into the inbox event, or nothing (ignored)
     * @param clock what "due" is measured on; App tokens expire on it too
     */
    public GitHubPoller(Supplier<List<GitHubSettings.Repo>> repos, Function<Delivery, Optional<Event>> normaliser,
            Jdbi store, InstantSource clock, GitHubSettings settings) {
        this(repos, normaliser, store, settings, GitHubAccess.of(settings, clock), true);
    }

    /** With the caller's access, shared with the writes (comments, pull requests); the caller closes it. */
    public GitHubPoller(Supplier<List<GitHubSettings.Repo>> repos, Function<Delivery, Optional<Event>> normaliser,
            Jdbi store, GitHubSettings settings, GitHubAccess access) {
        this(repos, normaliser, store, settings, access, false);
    }

    private GitHubPoller(Supplier<List<GitHubSettings.Repo>> repos, Function<Delivery, Optional<Event>> normaliser,
            Jdbi store, GitHubSettings settings, GitHubAccess access, boolean ownsAccess) {
        this.ownsAccess = ownsAccess;
        this.repos = repos;
        this.normaliser = normaliser;
        this.access = access;
        this.cursors = new Cursors(store);
        this.pace = new Pace(store, settings.pollEvery());
    }

    @Override
    public String name() {
        return "github";
    }

    @Override
    public List<Event> poll(Instant now) {
        cursors.commit(); // the caller stored what the last poll reported before polling again
        List<Delivery> found = new ArrayList<>();
        for (GitHubSettings.Repo repo : repos.get()) {
            if (pace.accountWaits(now).isPresent()) break;
            if (!pace.due(repo.name(), now)) continue;
            try {
                Duration asked = new RepoPoll(access, cursors, pace, repo.name(), now, found,
                        problem -> sayOnce(repo.name() + " " + problem, "github poll of " + repo.name()
                                + " goes on without: " + problem)).run();
                pace.polled(repo.name(), now, asked);
                said.remove(repo.name());
            } catch (RepoPoll.Paused p) {
                sayOnce(Pace.ACCOUNT, "GitHub polling waits until " + p.wait.until() + " reason=" + p.wait.reason());
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (IOException | RuntimeException e) {
                pace.failed(repo.name(), now);
                sayOnce(repo.name(), "cannot poll GitHub repo=" + repo.name() + " via " + access.identity()
                        + ", will retry in " + Durations.format(pace.every()) + ": " + oneLine(e));
            }
        }
        List<Event> events = normalise(found);
        if (events.isEmpty()) cursors.commit();
        return events;
    }

    @Override
    public void close() {
        if (ownsAccess) access.close();
    }

    private List<Event> normalise(List<Delivery> deliveries) {
        List<Event> events = new ArrayList<>();
        for (Delivery d : deliveries) {
            try {
                normaliser.apply(d).ifPresent(events::add);
            } catch (RuntimeException e) {
                log.warn("github delivery not normalised event={} reason={}", d.event(), oneLine(e));
            }
        }
        return events;
    }

    private void sayOnce(String scope, String problem) {
        if (problem.equals(said.put(scope, problem))) return;
        log.warn(problem);
    }

    private String oneLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof java.net.ConnectException || e instanceof java.net.http.HttpConnectTimeoutException
                || e instanceof java.nio.channels.UnresolvedAddressException) {
            m = "cannot reach " + access.apiUrl() + " (" + e.getClass().getSimpleName() + "; is GITHUB_API_URL right?)";
        } else if (e instanceof java.net.http.HttpTimeoutException) {
            m = "no answer from " + access.apiUrl() + " within " + Durations.format(RestApi.TIMEOUT);
        }
        return m.lines().findFirst().orElse("");
    }
}
