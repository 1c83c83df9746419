package dev.kairos.agent;

import dev.kairos.heartbeat.Task;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a proactive task's turn is given besides its prompt, by the kind of work it is. Every token of it is paid
 * again at each step of the turn, so a task gets what its work needs and no more; the user's chat and messages get
 * everything (what they ask is open).
 * <ul>
 *   <li>a fix works on code in its worktree, from the failure in its prompt and the change that failed (see
 *       {@link FailingChange}; a quarter of the memory budget): the code tools and an eighth of the memory budget
 *       (what memory holds of this failure), not the memory index, the schedule or the user's channels; Kairos
 *       itself reruns the test and commits;
 *   <li>a check (HEARTBEAT.md's, or one scheduled) and a reminder about uncommitted work get what happened since the
 *       check last ran (see {@link SinceLastRun}; a quarter of the memory budget) and an eighth of the budget for
 *       memories; every tool, since what a check asks is open.
 * </ul>
 *
 * @param memoryTokens the budget of the memories packed into the task's message
 * @param briefTokens the budget of what Kairos gathers for the task ({@link TaskBrief}; 0: nothing)
 * @param memoryIndex whether MEMORY.md goes into the system prompt
 * @param tools the tools offered, by name (the others are neither offered nor run)
 * @param cacheFirstCall whether the turn's first request marks the prompt for the cache: a check or reminder, told
 *     what it needs, mostly answers in one call, which would pay Anthropic's cache write (1.25x) for nothing; a
 *     fix works in steps, each reading the one before
 */
record TaskNeeds(int memoryTokens, int briefTokens, boolean memoryIndex, Predicate<String> tools,
        boolean cacheFirstCall) {
    /** The code tools, and memory to look up and note what a fix teaches. */
    static final Set<String> FIX_TOOLS = Set.of("read_file", "list_files", "search_files", "write_file", "edit_file",
            "run_command", "memory_search", "remember");

    static TaskNeeds of(Task task, Agent.Budgets budgets) {
        int memory = budgets.memory();
        return switch (task.kind()) {
            case "fix" -> new TaskNeeds(memory / 8, memory / 4, false, FIX_TOOLS::contains, true);
            case "check", "remind" -> new TaskNeeds(memory / 8, memory / 4, true, tool -> true, false);
            default -> new TaskNeeds(memory, 0, true, tool -> true, true);
        };
    }

    /** A gate that offers and runs only the tools {@code tools} names; a call of another is refused as unknown. */
    static ToolGate narrow(ToolGate gate, Predicate<String> tools) {
        return new ToolGate() {
            @Override
            public Result call(dev.kairos.model.Content.ToolUse use, Scope scope) {
                if (!tools.test(use.name())) return new Result("there is no tool named " + use.name(), true, null);
                return gate.call(use, scope);
            }

            @Override
            public boolean offers(String tool) {
                return tools.test(tool) && gate.offers(tool);
            }
        };
    }
}
