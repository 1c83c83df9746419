package dev.kairos.policy;

import static dev.kairos.policy.Calls.call;
import static dev.kairos.policy.Calls.rule;
import static dev.kairos.policy.Calls.write;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.PolicyRules.Action;
import dev.kairos.tool.Risk;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A kairos.yaml that allows every write still cannot let a tool write Kairos's control files or git metadata, by any
 * spelling of the path; AGENTS.md and HEARTBEAT.md ask whatever the rules allow; everything else stays allowed.
 */
class ControlFilesAndGitMetadataAreNeverWrittenTest {
    @TempDir Path base;
    Calls calls;
    final Policy permissive = new Policy(Calls.rules(rule(0, "*", null, Action.ALLOW),
            rule(1, "write_file", "**", Action.ALLOW), rule(2, "edit_file", "**", Action.ALLOW),
            rule(3, "git", "*", Action.ALLOW)));

    @BeforeEach
    void setUp() throws Exception {
        calls = new Calls(base);
        Files.writeString(calls.workspace.resolve("kairos.yaml"), "policy:\n  rules: []\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"kairos.yaml", "KAIROS.yaml", "Kairos.YAML", "state.db", "state.db-wal", "state.db-shm",
            "state.db-journal", "agent.lock", "logs/kairos.log", "logs", "keys/vapid.json", "Keys/signing.key",
            "cache/djl/libonnxruntime.so", "./kairos.yaml", "worktrees/../kairos.yaml"})
    void controlFilesAreDeniedWhateverTheRulesSay(String name) {
        Verdict v = permissive.decide(write(calls.workspace + "/" + name), calls.trusted());
        assertThat(v.decision()).as(name).isEqualTo(Decision.DENY);
        assertThat(v.reason()).contains("one of Kairos's control files");
        assertThat(permissive.decide(call("edit_file", Risk.WRITE, "path", calls.workspace + "/" + name, "old", "a",
                "new", "b"), calls.trusted()).decision()).as("edit_file " + name).isEqualTo(Decision.DENY);
    }

    @Test
    void climbingOrLinkingToTheConfigIsDeniedToo() throws Exception {
        assertThat(permissive.decide(write("../../kairos.yaml"), calls.trusted()).decision()).isEqualTo(Decision.DENY);
        Files.createSymbolicLink(calls.worktree.resolve("settings.yaml"), calls.workspace.resolve("kairos.yaml"));
        Verdict linked = permissive.decide(write("settings.yaml"), calls.trusted());
        assertThat(linked.decision()).isEqualTo(Decision.DENY);
        assertThat(linked.reason()).contains("kairos.yaml");
        Files.createSymbolicLink(calls.watched.resolve("home"), calls.workspace);
        assertThat(permissive.decide(write(calls.watched + "/home/keys/new.pem"), calls.trusted()).decision())
                .isEqualTo(Decision.DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"AGENTS.md", "HEARTBEAT.md", "agents.md", "Heartbeat.MD"})
    void agentsAndHeartbeatAskEvenWhereARuleAllows(String name) {
        Verdict v = permissive.decide(write(calls.workspace + "/" + name), calls.trusted());
        assertThat(v.decision()).isEqualTo(Decision.ASK);
        assertThat(v.reason()).isEqualTo("needs approval: " + name + " changes what the agent does unattended, so it "
                + "changes only with the user's approval");
        Policy denying = new Policy(Calls.rules(rule(0, "*", null, Action.ALLOW),
                rule(1, "write_file", "**/" + name, Action.DENY)));
        assertThat(denying.decide(write(calls.workspace + "/" + name), calls.trusted()).decision())
                .as("a deny rule still denies").isEqualTo(Decision.DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {".git/config", ".git/info/attributes", ".git/hooks/pre-commit", ".GIT/config", ".git",
            "sub/.git", ".git/worktrees/task-1/config.worktree"})
    void gitMetadataIsDeniedWhateverTheRulesSay(String name) {
        Verdict v = permissive.decide(write(calls.watched + "/" + name), calls.trusted());
        assertThat(v.decision()).as(name).isEqualTo(Decision.DENY);
        assertThat(v.reason()).contains("is git metadata");
        assertThat(permissive.decide(write(name), calls.trusted()).decision()).as("in the worktree: " + name)
                .isEqualTo(Decision.DENY);
    }

    @Test
    void aGitDirectoryWithoutADotGitNameIsDeniedAndTheGitToolCannotCommitIntoOne() throws Exception {
        Path separate = Files.createDirectories(calls.watched.resolve("vendor/meta"));
        Files.writeString(separate.resolve("HEAD"), "ref: refs/heads/main\n");
        Files.createDirectories(separate.resolve("objects"));
        Files.createDirectories(separate.resolve("refs"));
        assertThat(permissive.decide(write(separate + "/config"), calls.trusted()).decision()).isEqualTo(Decision.DENY);
        assertThat(permissive.decide(write(separate + "/hooks/post-checkout"), calls.trusted()).decision())
                .isEqualTo(Decision.DENY);

        ObjectNode commit = JsonNodeFactory.instance.objectNode().put("action", "commit").put("message", "m");
        commit.putArray("paths").add("src/App.java").add(".git/config");
        assertThat(permissive.decide(new ToolCallRequest("git", Risk.WRITE, commit), calls.trusted()).decision())
                .isEqualTo(Decision.DENY);
    }

    @ParameterizedTest
    @ValueSource(strings = {"src/App.java", ".gitignore", ".gitattributes", ".github/workflows/ci.yml", "git/config",
            "my.git/config", "docs/kairos.yaml", "logs.md"})
    void lookAlikesInTheWorktreeStayAllowed(String name) {
        assertThat(permissive.decide(write(name), calls.trusted()).decision()).as(name).isEqualTo(Decision.ALLOW);
    }

    @Test
    void theWorkspaceOutsideItsControlFilesStaysAllowed() {
        for (String name : new String[] {"notes.md", "memory/topics/user.md", "worktrees/task-1/calc.sh"}) {
            assertThat(permissive.decide(write(calls.workspace + "/" + name), calls.trusted()).decision()).as(name)
                    .isEqualTo(Decision.ALLOW);
        }
    }
}
