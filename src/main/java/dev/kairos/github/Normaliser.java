package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import java.time.InstantSource;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The one place a GitHub delivery, from a webhook or from polling, becomes an inbox event (source {@code github},
 * kind {@code github.EVENT}, keyed by the change so that the same change seen twice is one event), or nothing: an
 * event Kairos does not follow, or a repository nobody follows. See GITHUB-EVENTS.md for the contract.
 */
public final class Normaliser implements Function<Delivery, Optional<Event>> {
    public static final String SOURCE = "github";

    private static final Map<String, BiFunction<JsonNode, String, Change>> KINDS = Map.of(
            "push", Contributions::push,
            "pull_request", Contributions::pullRequest,
            "pull_request_review", Contributions::review,
            "pull_request_review_comment", Contributions::reviewComment,
            "issue_comment", Contributions::issueComment,
            "issues", Contributions::issue,
            "check_run", Checks::checkRun,
            "check_suite", Checks::checkSuite,
            "workflow_run", Checks::workflowRun,
            "status", Checks::status);

    private final Supplier<List<GitHubSettings.Repo>> followed;
    private final Set<String> owners;
    private final InstantSource clock;

    /**
     * @param followed the repositories followed now (kairos.yaml and subscriptions), asked at every delivery
     * @param owners the logins whose words are the user's; GitHub logins are case-insensitive
     */
    public Normaliser(Supplier<List<GitHubSettings.Repo>> followed, Collection<String> owners, InstantSource clock) {
        this.followed = followed;
        this.owners = owners.stream().map(o -> o.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        this.clock = clock;
    }

    /** The event names this normaliser turns into events; every other name is accepted and ignored. */
    public static Set<String> kinds() {
        return KINDS.keySet();
    }

    @Override
    public Optional<Event> apply(Delivery delivery) {
        return normalise(delivery).event();
    }

    /** An event, or why there is none. */
    record Outcome(Optional<Event> event, String ignoredBecause) {
        static Outcome ignored(String why) {
            return new Outcome(Optional.empty(), why);
        }
    }

    Outcome normalise(Delivery delivery) {
        BiFunction<JsonNode, String, Change> shape = KINDS.get(delivery.event());
        if (shape == null) return Outcome.ignored("Kairos does not follow '" + Fields.word(delivery.event(), 40) + "' events");
        JsonNode p = delivery.payload();
        String repo = Fields.text(p, "repository.full_name");
        if (repo.isEmpty()) return Outcome.ignored("the delivery names no repository");
        if (!isFollowed(repo)) return Outcome.ignored("repository " + Fields.word(repo, 140) + " is not followed");
        Change c;
        try {
            c = shape.apply(p, repo);
        } catch (Fields.Unusable e) {
            return Outcome.ignored("a " + delivery.event() + " delivery that cannot be keyed: " + e.getMessage());
        }
        Trust trust = c.writers().stream().allMatch(w -> owners.contains(w.toLowerCase(Locale.ROOT)))
                ? Trust.TRUSTED : Trust.UNTRUSTED;
        Event e = Event.observed(SOURCE, "github." + delivery.event(), c.key(), clock.instant(), trust, c.summary(),
                payload(delivery.event(), p, repo, c));
        return new Outcome(Optional.of(e), "");
    }

    private boolean isFollowed(String repo) {
        return followed.get().stream().anyMatch(r -> r.name().equalsIgnoreCase(repo));
    }

    /** The payload fields of GITHUB-EVENTS.md, in its order; a field the delivery lacks is null. */
    private static String payload(String event, JsonNode p, String repo, Change c) {
        ObjectNode o = Json.object();
        o.put("repository", repo);
        o.put("event", event);
        o.put("action", orNull(Fields.text(p, "action")));
        o.put("sha", orNull(c.sha()));
        o.put("branch", orNull(c.branch()));
        o.put("number", c.number());
        o.put("author", orNull(c.author()));
        o.put("url", orNull(c.url()));
        o.put("name", orNull(c.name()));
        o.put("conclusion", orNull(c.conclusion()));
        o.put("text", c.text());
        o.put("defaultBranch", orNull(Fields.text(p, "repository.default_branch")));
        return Json.write(o);
    }

    private static String orNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
