package dev.kairos.policy;

import static dev.kairos.policy.Calls.call;
import static dev.kairos.policy.Calls.command;
import static dev.kairos.policy.Calls.write;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.PolicyRules;
import dev.kairos.tool.Risk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyDefaultsTest {
    @TempDir Path base;
    Calls calls;
    final Policy policy = new Policy(PolicyRules.defaults());

    @BeforeEach
    void setUp() {
        calls = new Calls(base);
    }

    @Test
    void readsAreAllowed() {
        assertThat(policy.decide(call("read_file", Risk.READ, "path", "src/App.java"), calls.trusted()))
                .isEqualTo(new Verdict(Decision.ALLOW, "allowed: reads are allowed"));
        assertThat(policy.decide(call("git", Risk.READ, "action", "status"), calls.trusted()).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void writesInsideTheWorkspaceAndWatchedRepositoriesAreAllowed() {
        assertThat(policy.decide(write("src/App.java"), calls.trusted())).isEqualTo(new Verdict(Decision.ALLOW,
                "allowed: writes inside the workspace and watched repositories (" + calls.worktree.resolve("src/App.java")
                        + ")"));
        assertThat(policy.decide(write(calls.watched + "/README.md"), calls.trusted()).decision()).isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(write(calls.workspace + "/notes/today.md"), calls.trusted()).decision())
                .isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(call("git", Risk.WRITE, "action", "commit", "message", "m"), calls.trusted()).decision())
                .isEqualTo(Decision.ALLOW);
    }

    @Test
    void writesOutsideAreDenied() throws Exception {
        assertThat(policy.decide(write("/etc/passwd"), calls.trusted())).isEqualTo(new Verdict(Decision.DENY,
                "denied: writes outside the workspace and watched repositories (/etc/passwd)"));
        assertThat(policy.decide(write("../../../other/x.txt"), calls.trusted()).reason())
                .isEqualTo("denied: writes outside the workspace and watched repositories ("
                        + calls.outside.resolve("x.txt") + ")");
        Files.createSymbolicLink(calls.worktree.resolve("escape"), calls.outside);
        assertThat(policy.decide(call("edit_file", Risk.WRITE, "path", "escape/x.txt", "old", "a", "new", "b"),
                calls.trusted()).decision()).isEqualTo(Decision.DENY);
    }

    @Test
    void theConfiguredTestCommandRunsAndOtherCommandsAsk() {
        assertThat(policy.decide(command("mvn  -q test"), calls.trusted()))
                .isEqualTo(new Verdict(Decision.ALLOW, "allowed: a configured test or build command (mvn -q test)"));
        assertThat(policy.decide(command("ls -la"), calls.trusted())).isEqualTo(new Verdict(Decision.ASK,
                "needs approval: run_command outside the configured test and build commands (ls -la)"));
        assertThat(policy.decide(command("mvn -q test; cat ~/.ssh/id_rsa"), calls.trusted()).decision())
                .isEqualTo(Decision.ASK);
        assertThat(policy.decide(command("npm test"), calls.trusted()).network()).isFalse();
    }

    @Test
    void talkingToTheUserIsAllowedAndTheNetworkAsks() {
        assertThat(policy.decide(call("reply", Risk.SEND, "text", "hi"), calls.trusted()).decision())
                .isEqualTo(Decision.ALLOW);
        assertThat(policy.decide(call("fetch_page", Risk.NETWORK, "url", "https://example.com"), calls.trusted()))
                .isEqualTo(new Verdict(Decision.ASK, "needs approval: fetch_page reaches the network"));
    }
}
