package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.Kairos;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.Reply;
import dev.kairos.tool.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's change leaves the test failing: the fix task fails with the reason (status, journal), nothing is
 * pushed and no pull request is opened; the failure's signature is free again, so the next failure of that check is
 * a new fix task.
 */
class UnverifiedFixPushesNothingTest {
    @TempDir Path tmp;

    @Test
    void aFixWhoseTestStillFailsIsReportedAndNeverPushed() throws Exception {
        assumeTrue(Sandbox.detect(System.getenv(), Processes.runner()).isolates(),
                "without a bubblewrap sandbox Kairos cannot run the tests that verify a fix");
        try (FixHome h = new FixHome(tmp)) {
            String broken = h.colleaguePushesABreak();
            h.model.respondWith(r -> Conversation.lastToolResult(r).isEmpty()
                    ? Reply.toolUse("edit_file", "{\"path\":\"calc.sh\",\"old\":\"$1 - $2\",\"new\":\"$1 * $2\"}")
                    : Reply.text("Fixed add."));
            Kairos k = h.start();

            assertThat(h.deliver("check_run", "u-1", FixHome.checkRun(77, "build", "failure", broken))).isEqualTo(202);
            k.heartbeat().beat();

            assertThat(k.tasks().inState(Task.State.FAILED)).singleElement()
                    .satisfies(t -> assertThat(t.detail()).contains("the test command still fails",
                            "FAIL: add 2 3 gave 6, expected 5"));
            assertThat(h.remoteBranches("kairos/")).isEmpty();
            assertThat(h.repo.pullRequests()).isEmpty();
            assertThat(h.github.requests("/repos/octo/app/pulls")).isEmpty();
            assertThat(k.outbox().counts().values().stream().mapToInt(Integer::intValue).sum()).isZero();
            assertThat(k.problems()).anySatisfy(p -> assertThat(p).contains("task 1 (fix) failed"));
            String journal;
            try (Stream<Path> days = Files.list(h.tmp.resolve("home/memory/journal"))) {
                journal = days.map(UnverifiedFixPushesNothingTest::read).reduce("", String::concat);
            }
            assertThat(journal).contains("task 1 (fix) failed, nothing pushed: the test command still fails");

            h.clock.advance(Duration.ofMinutes(10));
            assertThat(h.deliver("check_run", "u-2", FixHome.checkRun(78, "build", "failure", broken))).isEqualTo(202);
            assertThat(k.heartbeat().beat().tasks()).as("the signature is free again")
                    .extracting(Task::kind).containsExactly("fix");
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
