package dev.kairos.policy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.PolicyRules;
import dev.kairos.event.Trust;
import dev.kairos.tool.Risk;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A workspace with a task worktree, a watched repository and a folder outside both, for policy tests; and tool
 * calls to ask about.
 */
final class Calls {
    final Path workspace;
    final Path worktree;
    final Path watched;
    final Path outside;

    Calls(Path base) {
        try {
            workspace = Files.createDirectories(base.resolve("home")).toRealPath();
            worktree = Files.createDirectories(workspace.resolve("worktrees/task-1"));
            watched = Files.createDirectories(base.resolve("code/app")).toRealPath();
            outside = Files.createDirectories(base.resolve("other")).toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    PolicyContext trusted() {
        return new PolicyContext(Trust.TRUSTED, worktree, Optional.of(worktree), workspace, List.of(watched),
                List.of("mvn -q test", "npm test"), true);
    }

    /** As {@link #trusted()}, on a machine where no sandbox confines commands. */
    PolicyContext unsandboxed() {
        return new PolicyContext(Trust.TRUSTED, worktree, Optional.of(worktree), workspace, List.of(watched),
                List.of("mvn -q test", "npm test"), false);
    }

    PolicyContext untrusted() {
        return new PolicyContext(Trust.UNTRUSTED, worktree, Optional.of(worktree), workspace, List.of(watched),
                List.of("mvn -q test", "npm test"), true);
    }

    static ToolCallRequest call(String tool, Risk risk, String... keyValues) {
        ObjectNode in = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keyValues.length; i += 2) in.put(keyValues[i], keyValues[i + 1]);
        return new ToolCallRequest(tool, risk, in);
    }

    static ToolCallRequest command(String command) {
        return call("run_command", Risk.EXEC, "command", command);
    }

    static ToolCallRequest write(String path) {
        return call("write_file", Risk.WRITE, "path", path, "content", "x");
    }

    static PolicyRules rules(PolicyRules.Rule... rules) {
        return new PolicyRules(List.of(rules), PolicyRules.DEFAULT_APPROVAL_TTL);
    }

    static PolicyRules.Rule rule(int n, String tool, String match, PolicyRules.Action decision) {
        return new PolicyRules.Rule(tool, Optional.ofNullable(match), decision, false, "policy.rules." + n);
    }
}
