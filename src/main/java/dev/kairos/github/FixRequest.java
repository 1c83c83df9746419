package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.agent.Fixes;
import dev.kairos.event.Secrets;
import dev.kairos.json.Json;

/**
 * A {@code github.fix} effect's payload: push {@code commit} from {@code checkout} to {@code branch} on its remote,
 * then a draft pull request from it into {@code base} with {@code title} and {@code body}.
 */
record FixRequest(String repo, String checkout, String commit, String branch, String base, String title,
        String body) {

    String json() {
        return Json.write(Json.object().put("repository", repo).put("checkout", checkout).put("commit", commit)
                .put("branch", branch).put("base", base).put("title", title).put("body", body));
    }

    static FixRequest read(String json) {
        JsonNode p = Json.tree(json);
        return new FixRequest(p.path("repository").asText(), p.path("checkout").asText(), p.path("commit").asText(),
                p.path("branch").asText(), p.path("base").asText(), p.path("title").asText(), p.path("body").asText());
    }

    /** Cause, change and evidence: what failed, what Kairos changed, and the test Kairos saw pass. */
    static String body(String failure, String url, String changes, String diffStat, Fixes.Verified fix) {
        String text = """
                Kairos saw %s%s, fixed it in a worktree of its own, and verified the fix by running the tests.

                ### Cause
                %s (failing commit %s)

                ### Change
                %s

                ```
                %s
                ```

                ### Evidence
                Kairos ran `%s` on this branch's head; it passed. %s. The output ends:

                ```
                %s
                ```

                This pull request is a draft: review it before you mark it ready.
                """.formatted(failure, url.isEmpty() ? "" : " (" + url + ")", failure, fix.failingSha(),
                changes.isEmpty() ? "(no commit message)" : changes, diffStat, fix.testCommand(), fix.verdict(),
                fix.outputTail().isEmpty() ? "(no output)" : fix.outputTail());
        return Secrets.redact(text);
    }
}
