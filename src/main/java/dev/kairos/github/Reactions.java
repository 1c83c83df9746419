package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Event;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.Triage;
import dev.kairos.json.Json;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * The triage rules for GitHub events, per repository (see {@link GitHubSettings.Reactions}): a failed check run,
 * check suite or workflow run on a watched branch is a {@code fix} task, at most one open per failure signature; a
 * comment mentioning the agent's handle by a permitted user a {@code reply} task; a new or updated pull request a
 * {@code review} task when asked for. A push is only its journal line. Tasks keep their event's trust: a non-owner's
 * words taint the task.
 */
public final class Reactions {
    private static final Set<String> FAILED = Set.of("failure", "timed_out");
    private static final Set<String> REVIEWED = Set.of("opened", "reopened", "synchronize", "ready_for_review");

    private final Function<String, Optional<GitHubSettings.Repo>> repos;
    private final Optional<Pattern> mention;
    private final Optional<String> handle;
    private final Set<String> permitted;

    /**
     * @param repos a followed repository's settings, by OWNER/NAME (empty: not followed)
     * @param permitted the logins whose mention gets a reply: the owners and {@code github.mentionsFrom}
     */
    public Reactions(Function<String, Optional<GitHubSettings.Repo>> repos, Optional<String> handle,
            Collection<String> permitted) {
        this.repos = repos;
        this.handle = handle.map(h -> h.toLowerCase(Locale.ROOT));
        this.mention = handle.map(h -> Pattern.compile("(?i)(?<![\\w-])@" + Pattern.quote(h) + "(?![\\w-])"));
        this.permitted = permitted.stream().map(p -> p.strip().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    /** For {@link Triage#with}. */
    public Map<String, Triage.Rule> rules() {
        Triage.Rule fix = this::fix;
        Triage.Rule reply = this::reply;
        return Map.of("github.check_run", fix, "github.check_suite", fix, "github.workflow_run", fix,
                "github.issue_comment", reply, "github.pull_request_review_comment", reply,
                "github.pull_request", this::pullRequest);
    }

    private Optional<Task> fix(Handle h, Event e) {
        JsonNode p = Json.tree(e.payload());
        String repo = p.path("repository").asText("");
        Optional<GitHubSettings.Repo> settings = repos.apply(repo);
        if (settings.isEmpty() || !settings.get().reactions().fix()) return Optional.empty();
        if (!FAILED.contains(p.path("conclusion").asText(""))) return Optional.empty();
        String branch = p.path("branch").asText("");
        List<String> watched = settings.get().branches().isEmpty()
                ? Stream.of(p.path("defaultBranch").asText("")).filter(b -> !b.isEmpty()).toList()
                : settings.get().branches();
        if (branch.isEmpty() || !watched.contains(branch) || p.path("sha").asText("").isEmpty()) return Optional.empty();
        String name = p.path("name").asText("");
        FixSignature sig = new FixSignature(repo, name.isEmpty() ? p.path("event").asText() : name, branch);
        if (!OpenFixes.open(h, sig, e.id(), e.observedAt())) return Optional.empty(); // one is open already
        String title = "Fix " + e.summary() + " (verified fix goes to branch " + sig.fixBranch() + " as a draft pull "
                + "request)";
        return Optional.of(Task.create("fix", title, e.trust(), e.id(), e.observedAt()));
    }

    private Optional<Task> reply(Handle h, Event e) {
        JsonNode p = Json.tree(e.payload());
        Optional<GitHubSettings.Repo> settings = repos.apply(p.path("repository").asText(""));
        if (settings.isEmpty() || !settings.get().reactions().reply() || mention.isEmpty()) return Optional.empty();
        if (!p.path("action").asText("").equals("created") || p.path("number").isNull()) return Optional.empty();
        String author = p.path("author").asText("").toLowerCase(Locale.ROOT);
        if (author.equals(handle.orElse("")) || !permitted.contains(author)) return Optional.empty();
        if (!mention.get().matcher(p.path("text").asText("")).find()) return Optional.empty();
        return Optional.of(Task.create("reply", "Answer in the thread: " + e.summary(), e.trust(), e.id(),
                e.observedAt()));
    }

    private Optional<Task> pullRequest(Handle h, Event e) {
        JsonNode p = Json.tree(e.payload());
        String action = p.path("action").asText("");
        String branch = p.path("branch").asText("");
        if (action.equals("closed") && branch.startsWith("kairos/fix-")) {
            OpenFixes.closeByBranch(h, branch, e.observedAt()); // the next failure may be fixed again
            return Optional.empty();
        }
        Optional<GitHubSettings.Repo> settings = repos.apply(p.path("repository").asText(""));
        if (settings.isEmpty() || !settings.get().reactions().review() || !REVIEWED.contains(action)
                || branch.startsWith("kairos/")) {
            return Optional.empty();
        }
        return Optional.of(Task.create("review", "Review and post one summary comment: " + e.summary(), e.trust(),
                e.id(), e.observedAt()));
    }
}
