package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.model.Content;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fix is offered the code tools only, and a call of any other is refused as unknown without reaching the tools; it
 * gets an eighth of the memory budget, a quarter for the change that failed, and no memory index. A check gets an
 * eighth of the memory and a quarter for what happened since it last ran. A message (and anything else) gets
 * everything.
 */
class EachTaskGetsTheToolsAndMemoryItsWorkNeedsTest {
    private static final Agent.Budgets BUDGETS = new Agent.Budgets(6_000, 2_000);

    @Test
    void aFixIsOfferedTheCodeToolsAndNothingElseRuns() {
        TaskNeeds fix = TaskNeeds.of(task("fix"), BUDGETS);
        List<String> reached = new ArrayList<>();
        ToolGate tools = (use, scope) -> {
            reached.add(use.name());
            return new ToolGate.Result("ran " + use.name(), false, null);
        };
        ToolGate gate = TaskNeeds.narrow(tools, fix.tools());
        ToolGate.Scope scope = new ToolGate.Scope(7L, "fix", false);

        ToolGate.Result schedule = gate.call(use("schedule"), scope);
        ToolGate.Result edit = gate.call(use("edit_file"), scope);

        assertThat(schedule.isError()).isTrue();
        assertThat(schedule.content()).isEqualTo("there is no tool named schedule");
        assertThat(edit.content()).isEqualTo("ran edit_file");
        assertThat(reached).containsExactly("edit_file");
        assertThat(List.of("schedule", "notify_user", "git", "reply", "message_user", "memory_get"))
                .noneMatch(gate::offers);
        assertThat(List.of("read_file", "list_files", "search_files", "write_file", "edit_file", "run_command",
                "memory_search", "remember")).allMatch(gate::offers);
        assertThat(List.of(fix.memoryTokens(), fix.briefTokens())).containsExactly(250, 500);
        assertThat(fix.memoryIndex()).isFalse();
    }

    @Test
    void aCheckGetsWhatHappenedSinceAndAMessageGetsEverything() {
        TaskNeeds check = TaskNeeds.of(task("check"), BUDGETS);
        TaskNeeds reply = TaskNeeds.of(task("reply"), BUDGETS);

        assertThat(List.of(check.memoryTokens(), check.briefTokens())).containsExactly(250, 500);
        assertThat(check.tools().test("schedule")).isTrue();
        assertThat(List.of(reply.memoryTokens(), reply.briefTokens())).containsExactly(2_000, 0);
        assertThat(reply.memoryIndex()).isTrue();
        assertThat(reply.tools().test("git")).isTrue();
    }

    private static Task task(String kind) {
        return new Task(7, kind, "a " + kind, Task.State.RUNNING, Trust.TRUSTED, null, Instant.EPOCH, "");
    }

    private static Content.ToolUse use(String name) {
        return new Content.ToolUse("toolu_1", name, JsonNodeFactory.instance.objectNode());
    }
}
