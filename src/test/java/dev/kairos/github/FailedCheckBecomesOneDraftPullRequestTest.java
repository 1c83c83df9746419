package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.Kairos;
import dev.kairos.effect.Effect;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.tool.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A colleague breaks main; GitHub sends the failed check run three times (twice as one delivery, once more under
 * another id) through the signed webhook route. Kairos makes one fix task, fixes add() in its own worktree (the
 * user's checkout untouched, the failing commit fetched into it from origin), verifies the test passes, and pushes
 * ONE branch kairos/fix-build-… to the bare remote. GitHub fails the first pull request with a 502 and Kairos is
 * stopped there, between the push and the pull request; a new Kairos on the same home finds the branch pushed and
 * opens exactly one draft pull request explaining cause, change and evidence. Another failure of the same check
 * while that fix is open makes no new task.
 */
class FailedCheckBecomesOneDraftPullRequestTest {
    @TempDir Path tmp;

    @Test
    void threeDeliveriesOnePushedBranchAndOneDraftPullRequestAcrossARestart() throws Exception {
        assumeTrue(Sandbox.detect(System.getenv(), Processes.runner()).isolates(),
                "without a bubblewrap sandbox Kairos cannot run the tests that verify a fix");
        try (FixHome h = new FixHome(tmp)) {
            String userHead = FixHome.git(h.checkout, "rev-parse", "HEAD");
            String broken = h.colleaguePushesABreak();
            h.model.respondWith(FailedCheckBecomesOneDraftPullRequestTest::fixer);
            h.github.failNext("POST", "/repos/octo/app/pulls", 502);

            Kairos k = h.start();
            String failed = FixHome.checkRun(4242, "build", "failure", broken);
            assertThat(h.deliver("check_run", "d-1", failed)).isEqualTo(202);
            assertThat(h.deliver("check_run", "d-1", failed)).isEqualTo(200);
            assertThat(h.deliver("check_run", "d-2", failed)).isEqualTo(200);
            k.heartbeat().beat();

            List<Task> fixes = k.tasks().inState(Task.State.DONE).stream().filter(t -> t.kind().equals("fix")).toList();
            assertThat(fixes).as("tasks: %s %s", k.tasks().countByState(), k.tasks().inState(Task.State.FAILED)).hasSize(1);
            List<String> pushed = h.remoteBranches("kairos/fix-");
            assertThat(pushed).singleElement().asString().startsWith("kairos/fix-build-");
            String branch = pushed.getFirst().split(" ")[0];
            String fixCommit = pushed.getFirst().split(" ")[1];
            assertThat(FixHome.git(h.bare, "rev-parse", fixCommit + "^")).isEqualTo(broken);
            assertThat(FixHome.git(h.bare, "show", fixCommit + ":calc.sh") + "\n").isEqualTo(FixHome.GOOD);
            assertThat(h.repo.pullRequests()).as("GitHub failed the first pull request").isEmpty();
            List<String> keys = k.store().jdbi().withHandle(x -> x.createQuery(
                    "SELECT idempotency_key FROM outbox WHERE kind = 'github.fix'").mapTo(String.class).list());
            assertThat(keys).singleElement().asString()
                    .startsWith("github.fix:octo/app:" + branch.substring(branch.lastIndexOf('-') + 1));
            Effect effect = k.outbox().find(keys.getFirst()).orElseThrow();
            assertThat(effect.state()).isEqualTo(Effect.State.PENDING);
            // the user's checkout: same branch, same commit, same files
            assertThat(FixHome.git(h.checkout, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
            assertThat(FixHome.git(h.checkout, "rev-parse", "HEAD")).isEqualTo(userHead);
            assertThat(Files.readString(h.checkout.resolve("calc.sh"))).isEqualTo(FixHome.GOOD);
            assertThat(FixHome.git(h.checkout, "status", "--porcelain")).isEmpty();
            h.stop(); // killed between the push and the pull request

            k = h.start();
            assertThat(h.deliver("check_run", "d-3", failed)).as("the same change once more").isEqualTo(200);
            h.clock.advance(Duration.ofMinutes(1)); // the effect's retry comes due
            k.heartbeat().beat();
            h.clock.advance(Duration.ofHours(2));
            assertThat(h.deliver("check_run", "d-4", FixHome.checkRun(5151, "build", "failure", broken)))
                    .as("another failure of the same check").isEqualTo(202);
            k.heartbeat().beat();

            List<JsonNode> pulls = h.repo.pullRequests();
            assertThat(pulls).hasSize(1);
            JsonNode pr = pulls.getFirst();
            assertThat(pr.path("draft").asBoolean()).isTrue();
            assertThat(pr.path("head").path("ref").asText()).isEqualTo(branch);
            assertThat(pr.path("base").path("ref").asText()).isEqualTo("main");
            assertThat(pr.path("body").asText()).contains("check 'build' failed on main at " + broken.substring(0, 7),
                    "Fix add: plus, not minus", "calc.sh | 2", "`bash test.sh`", "PASS: add 2 3 is 5");
            assertThat(h.remoteBranches("kairos/")).hasSize(1);
            assertThat(k.outbox().find(effect.key()).orElseThrow().state()).isEqualTo(Effect.State.DELIVERED);
            assertThat(k.tasks().countByState().values().stream().mapToInt(Integer::intValue).sum())
                    .as("one task in all: the second failure of the open fix's check made none").isEqualTo(1);
            assertThat(h.github.requests("/repos/octo/app/pulls").stream().filter(r -> r.method().equals("POST")))
                    .extracting(r -> r.status()).containsExactly(502, 201);
        }
    }

    /** A model that reads the failure from its task and fixes the sign; nothing else. */
    static Reply fixer(RecordedRequest request) {
        if (Conversation.lastToolResult(request).isEmpty()) {
            return Reply.toolUse("edit_file", "{\"path\":\"calc.sh\",\"old\":\"$1 - $2\",\"new\":\"$1 + $2\"}");
        }
        return Reply.text("Fix add: plus, not minus");
    }
}
