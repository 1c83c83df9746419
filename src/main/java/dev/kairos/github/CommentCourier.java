package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outcome;
import dev.kairos.event.Secrets;
import dev.kairos.json.Json;
import java.io.IOException;
import java.util.function.Supplier;
import org.kohsuke.github.GHIssue;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.HttpException;

/**
 * Delivers {@code github.comment}: one comment in an issue's or pull request's thread. The comment carries its
 * idempotency key in an HTML comment, so a retry after a crash finds it posted and posts nothing more.
 */
public final class CommentCourier implements Courier {
    private final Supplier<GitHubAccess> github;

    public CommentCourier(Supplier<GitHubAccess> github) {
        this.github = github;
    }

    /** The effect: {@code body} in the thread of issue or pull request {@code number} of {@code repo}. */
    static String payload(String repo, long number, String body) {
        return Json.write(Json.object().put("repository", repo).put("number", number).put("body", body));
    }

    @Override
    public String kind() {
        return "github.comment";
    }

    @Override
    public Outcome deliver(Effect effect) {
        JsonNode p = Json.tree(effect.payload());
        String repo = p.path("repository").asText();
        int number = p.path("number").asInt();
        String mark = "<!-- kairos:" + effect.key().replace("--", "-") + " -->";
        try {
            GHIssue issue = github.get().client(repo).getRepository(repo).getIssue(number);
            for (GHIssueComment c : issue.getComments()) {
                if (c.getBody() != null && c.getBody().contains(mark)) return new Outcome.Delivered(c.getHtmlUrl().toString());
            }
            GHIssueComment posted = issue.comment(Secrets.redact(p.path("body").asText()) + "\n\n" + mark);
            return new Outcome.Delivered(posted.getHtmlUrl().toString());
        } catch (HttpException e) {
            int code = e.getResponseCode();
            String why = "GitHub answered " + code + " for a comment on " + repo + "#" + number;
            return code >= 500 || code == 429 || code == 403 || code <= 0 ? Outcome.Retry.because(why)
                    : new Outcome.Refused(why);
        } catch (IOException e) {
            return Outcome.Retry.because("cannot reach GitHub for a comment on " + repo + "#" + number + ": "
                    + e.getClass().getSimpleName());
        }
    }
}
