package dev.kairos.agent;

import dev.kairos.model.Content;
import dev.kairos.model.ToolSpec;
import dev.kairos.policy.Approval;
import dev.kairos.policy.Approvals;
import dev.kairos.policy.Policy;
import dev.kairos.policy.PolicyContext;
import dev.kairos.policy.ToolCallRequest;
import dev.kairos.policy.Verdict;
import dev.kairos.tool.Tool;
import dev.kairos.tool.ToolContext;
import dev.kairos.tool.ToolResult;
import dev.kairos.tool.Tools;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate between a turn and the tools: the policy decides each call; a denied call is never run (the model is
 * told why), an asked call runs only once the user approved that exact call (denied or expired: it never runs),
 * an allowed one runs.
 */
final class PolicedTools implements ToolGate {
    private static final Logger log = LoggerFactory.getLogger(PolicedTools.class);

    private final Tools tools;
    private final Policy policy;
    private final Approvals approvals;
    private final PolicyContext where;
    private final ToolContext context;

    PolicedTools(Tools tools, Policy policy, Approvals approvals, PolicyContext where, ToolContext context) {
        this.tools = tools;
        this.policy = policy;
        this.approvals = approvals;
        this.where = where;
        this.context = context;
    }

    static List<ToolSpec> specs(Tools tools) {
        return tools.all().stream().map(t -> new ToolSpec(t.name(), t.description(), t.inputSchema())).toList();
    }

    /** A tool whose callback this session lacks (reply, where there is no channel) is not offered. */
    @Override
    public boolean offers(String tool) {
        return tools.get(tool).isPresent() && !context.unavailableTools().contains(tool);
    }

    @Override
    public Result call(Content.ToolUse use, Scope scope) {
        Optional<Tool> tool = tools.get(use.name()).filter(t -> offers(t.name()));
        if (tool.isEmpty()) return new Result("there is no tool named " + use.name(), true, false);
        ToolCallRequest request = ToolCallRequest.of(tool.get(), use.input());
        Verdict verdict = policy.decide(request, where);
        return switch (verdict.decision()) {
            case DENY -> {
                log.info("tool={} task={} refused: {}", use.name(), scope.taskId(), verdict.reason());
                yield new Result("refused, and it will be refused again: " + verdict.reason(), true, false);
            }
            case ASK -> asked(request, verdict, scope);
            case ALLOW -> run(request, verdict);
        };
    }

    private Result asked(ToolCallRequest request, Verdict verdict, Scope scope) {
        Optional<Approval> earlier = approvals.latest(scope.taskId(), request);
        if (earlier.isPresent() && earlier.get().granted()) return run(request, verdict);
        if (earlier.isPresent() && earlier.get().state() == Approval.State.DENIED) {
            return new Result("the user denied this call (approval " + earlier.get().id() + "); do not ask again",
                    true, false);
        }
        // a task's approvals are its own; the user's chat may ask again another day
        if (earlier.isPresent() && earlier.get().state() == Approval.State.EXPIRED && scope.taskId() != null) {
            return new Result("approval " + earlier.get().id() + " for this call expired unanswered, which counts as "
                    + "no; do not ask again", true, false);
        }
        Approval a = approvals.request(scope.taskId(), request, verdict.reason());
        log.info("tool={} task={} waits for approval id={}: {}", request.tool(), scope.taskId(), a.id(),
                verdict.reason());
        return new Result("not run yet: " + verdict.reason() + ". Approval " + a.id() + " is waiting for the user "
                + "('kairos approvals approve " + a.id() + "'); the task resumes once it is decided. Continue with "
                + "what you can do without it, or finish.", true, true);
    }

    private Result run(ToolCallRequest request, Verdict verdict) {
        ToolResult r = tools.call(request.tool(), request.input(), context.withNetwork(verdict.network()));
        return new Result(r.content(), r.isError(), false);
    }
}
