package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.agent.Fixes;
import dev.kairos.config.GitHubSettings;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Event;
import dev.kairos.heartbeat.Task;
import dev.kairos.json.Json;
import dev.kairos.process.Git;
import dev.kairos.process.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;

/**
 * A failed GitHub check's fix, as the agent's {@link Fixes} seam: the task's worktree branches from the user's
 * checkout (the subscription's {@code --path}) at the failing commit, fetched from its remote if the checkout lacks
 * it; the test command is the repository's ({@code github.repos[].test}, else the checkout's `kairos watch --test`).
 * A verified fix records ONE {@code github.fix} effect with the task's DONE; {@link FixCourier} pushes it and opens
 * the draft pull request. An unverified one closes the signature and nothing leaves.
 */
public final class GitHubFixes implements Fixes {
    static final Set<String> KINDS = Set.of("github.check_run", "github.check_suite", "github.workflow_run");
    private static final Duration FETCH = Duration.ofMinutes(5);
    private static final Duration LOCAL = Duration.ofMinutes(1);

    private final Function<String, Optional<GitHubSettings.Repo>> repos;
    private final Function<Path, Optional<String>> watchedTest;
    private final Git git;
    private final Function<Path, Map<String, String>> credentials;

    /**
     * @param repos a followed repository's settings, by OWNER/NAME
     * @param watchedTest the test command of a `kairos watch` of a folder, if any
     * @param credentials what git needs in its environment to reach a checkout's remote
     */
    public GitHubFixes(Function<String, Optional<GitHubSettings.Repo>> repos,
            Function<Path, Optional<String>> watchedTest, Git git, Function<Path, Map<String, String>> credentials) {
        this.repos = repos;
        this.watchedTest = watchedTest;
        this.git = git;
        this.credentials = credentials;
    }

    @Override
    public Optional<Site> site(Event e) {
        if (!KINDS.contains(e.kind())) return Optional.empty();
        JsonNode p = Json.tree(e.payload());
        String repo = p.path("repository").asText("");
        String sha = p.path("sha").asText("");
        GitHubSettings.Repo settings = repos.apply(repo).orElseThrow(() -> new IllegalStateException(
                repo + " is no longer followed: nothing to fix it in"));
        Path checkout = settings.checkout().orElseThrow(() -> new IllegalStateException("Kairos has no checkout of "
                + repo + " to fix it in: run kairos github subscribe " + repo + " --path YOUR_CLONE"));
        String test = settings.test().or(() -> watchedTest.apply(checkout)).orElseThrow(() ->
                new IllegalStateException("no test command for " + repo + " to verify a fix with: set test: in its "
                        + "github.repos entry in kairos.yaml, or run kairos watch " + checkout + " --test COMMAND"));
        if (!sha.matches("[0-9a-f]{40}")) throw new IllegalStateException("the check names no commit to fix: " + sha);
        if (!has(checkout, sha)) fetch(checkout, sha);
        return Optional.of(new Site(checkout, sha, Optional.of(test)));
    }

    private boolean has(Path checkout, String sha) {
        return git.run(checkout, LOCAL, "cat-file", "-e", sha + "^{commit}").ok();
    }

    /** The commit from the checkout's remote: by its id, else every branch (a server that refuses ids). */
    private void fetch(Path checkout, String sha) {
        Map<String, String> env = credentials.apply(checkout);
        Result r = git.remote(checkout, FETCH, env, "fetch", "--no-tags", "-q", "origin", sha);
        if (!r.ok() || !has(checkout, sha)) r = git.remote(checkout, FETCH, env, "fetch", "--no-tags", "-q", "origin");
        if (!has(checkout, sha)) {
            throw new IllegalStateException("commit " + Fields.shortSha(sha) + " is not in " + checkout
                    + " and could not be fetched from its origin: " + firstLine(r.text()));
        }
    }

    @Override
    public void verified(Handle h, Task task, Event e, Verified fix, Instant now) {
        FixSignature sig = OpenFixes.of(h, e.id()).orElseGet(() -> signature(e));
        JsonNode p = Json.tree(e.payload());
        String head = git.run(fix.worktree(), LOCAL, "rev-parse", "HEAD").text().strip();
        String stat = git.run(fix.worktree(), LOCAL, "diff", "--stat", fix.failingSha(), head).text().strip();
        String changes = git.run(fix.worktree(), LOCAL, "log", "--format=- %s", fix.failingSha() + ".." + head)
                .text().strip();
        FixRequest request = new FixRequest(sig.repo(), repos.apply(sig.repo()).flatMap(GitHubSettings.Repo::checkout)
                .map(Path::toString).orElse(fix.worktree().toString()), head, sig.fixBranch(), sig.branch(),
                "Fix " + Fields.word(sig.name(), 60) + " on " + Fields.word(sig.branch(), 80),
                FixRequest.body(e.summary(), p.path("url").asText(""), changes, stat, fix));
        Outbox.record(h, new Effect.Draft("github.fix", "github.fix:" + sig.repo() + ":" + sig.id() + ":event-" + e.id(),
                request.json(), Optional.of(task.id())), now);
        OpenFixes.set(h, sig, OpenFixes.State.PROPOSED, "task " + task.id() + ": " + head, now);
    }

    @Override
    public void unverified(Handle h, Task task, Event e, String reason, Instant now) {
        OpenFixes.of(h, e.id()).ifPresent(sig -> OpenFixes.set(h, sig, OpenFixes.State.CLOSED,
                "task " + task.id() + " not verified: " + firstLine(reason), now));
    }

    private static FixSignature signature(Event e) {
        JsonNode p = Json.tree(e.payload());
        return new FixSignature(p.path("repository").asText(), p.path("name").asText(p.path("event").asText()),
                p.path("branch").asText());
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        return t.lines().findFirst().orElse("(no output)");
    }
}
