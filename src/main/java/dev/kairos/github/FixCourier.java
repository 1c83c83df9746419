package dev.kairos.github;

import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outcome;
import dev.kairos.event.Secrets;
import dev.kairos.process.Git;
import dev.kairos.process.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.HttpException;

/**
 * Delivers {@code github.fix}: commits nothing new, but pushes the verified commit to {@code kairos/fix-…} on the
 * checkout's remote (already there: nothing to push), then finds or creates the draft pull request for that head
 * (listed by head first). A retry after a crash between the two finds the branch pushed and opens the pull request
 * once.
 */
public final class FixCourier implements Courier {
    private static final Duration PUSH = Duration.ofMinutes(5);

    private final Git git;
    private final Supplier<GitHubAccess> github;
    private final Function<Path, Map<String, String>> credentials;

    /** @param github made on first delivery (a Kairos that never fixes never builds an HTTP client) */
    public FixCourier(Git git, Supplier<GitHubAccess> github, Function<Path, Map<String, String>> credentials) {
        this.git = git;
        this.github = github;
        this.credentials = credentials;
    }

    @Override
    public String kind() {
        return "github.fix";
    }

    @Override
    public Outcome deliver(Effect effect) {
        FixRequest fix = FixRequest.read(effect.payload());
        Optional<Outcome> pushed = push(fix);
        if (pushed.isPresent()) return pushed.get();
        try {
            GHRepository repo = github.get().client(fix.repo()).getRepository(fix.repo());
            Optional<String> open = openFor(repo, fix);
            if (open.isPresent()) return new Outcome.Delivered(open.get());
            try {
                GHPullRequest pr = repo.createPullRequest(fix.title(), fix.branch(), fix.base(), fix.body(), true, true);
                return new Outcome.Delivered(pr.getHtmlUrl().toString());
            } catch (HttpException e) {
                if (e.getResponseCode() != 422) throw e;
                // made meanwhile (another Kairos, a slow answer that did arrive): take it, else it is refused
                return openFor(repo, fix).<Outcome>map(Outcome.Delivered::new).orElseGet(() -> new Outcome.Refused(
                        "GitHub refused the pull request from " + fix.branch() + ": " + oneLine(e.getMessage())));
            }
        } catch (HttpException e) {
            int code = e.getResponseCode();
            String why = "GitHub answered " + code + " for the pull request from " + fix.branch() + ": "
                    + oneLine(e.getMessage());
            return code >= 500 || code == 429 || code == 403 || code <= 0 ? Outcome.Retry.because(why)
                    : new Outcome.Refused(why);
        } catch (IOException e) {
            return Outcome.Retry.because("cannot reach GitHub for the pull request from " + fix.branch() + ": "
                    + oneLine(e.getMessage()));
        }
    }

    /** Empty when the branch holds the commit on the remote (pushed now, or before); a retry or refusal if not. */
    private Optional<Outcome> push(FixRequest fix) {
        Path checkout = Path.of(fix.checkout());
        Map<String, String> env = credentials.apply(checkout);
        String ref = "refs/heads/" + fix.branch();
        Result there = git.remote(checkout, PUSH, env, "ls-remote", "origin", ref);
        if (there.ok() && there.text().strip().startsWith(fix.commit())) return Optional.empty();
        Result push = git.remote(checkout, PUSH, env, "push", "-q", "--force", "origin", fix.commit() + ":" + ref);
        if (push.ok()) return Optional.empty();
        return Optional.of(Outcome.Retry.because("git push of " + fix.branch() + " from " + checkout + " failed: "
                + oneLine(push.text())));
    }

    private static Optional<String> openFor(GHRepository repo, FixRequest fix) throws IOException {
        String owner = fix.repo().substring(0, fix.repo().indexOf('/'));
        List<GHPullRequest> open = repo.queryPullRequests().head(owner + ":" + fix.branch()).state(GHIssueState.OPEN)
                .list().toList();
        return open.isEmpty() ? Optional.empty() : Optional.of(open.getFirst().getHtmlUrl().toString());
    }

    private static String oneLine(String text) {
        String t = Secrets.redact(text == null ? "" : text).strip();
        String line = t.lines().filter(l -> !l.isBlank()).findFirst().orElse("(no message)");
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
