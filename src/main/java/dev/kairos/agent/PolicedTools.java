package dev.kairos.agent;

import dev.kairos.event.Trust;
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
 * told why), an asked call runs only under an unused approval of that exact call, once (denied or expired: it
 * never runs), an allowed one runs.
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
        if (tool.isEmpty()) return new Result("there is no tool named " + use.name(), true, null);
        ToolCallRequest request = ToolCallRequest.of(tool.get(), use.input());
        Verdict verdict = policy.decide(request, scope.tainted() ? where.withTrust(Trust.UNTRUSTED) : where);
        return switch (verdict.decision()) {
            case DENY -> {
                log.info("tool={} task={} refused: {}", use.name(), scope.taskId(), verdict.reason());
                yield new Result("refused, and it will be refused again: " + verdict.reason(), true, null);
            }
            case ASK -> asked(request, verdict, scope);
            case ALLOW -> run(request, verdict);
        };
    }

    /**
     * A task's call runs when it takes an unused yes for exactly this call (used in the same statement, so it runs
     * once); a no stands. Anything else asks the user: a call whose yes was used up asks anew. A chat asks every
     * time: its approvals become the task the chat turns into.
     */
    private Result asked(ToolCallRequest request, Verdict verdict, Scope scope) {
        Long task = scope.taskId();
        Optional<Approval> yes = approvals.use(task, request);
        if (yes.isPresent()) {
            log.info("tool={} task={} runs under approval id={}", request.tool(), task, yes.get().id());
            return run(request, verdict);
        }
        Optional<Approval> earlier = task == null ? Optional.empty() : approvals.latest(task, request);
        if (earlier.isPresent() && earlier.get().state() == Approval.State.DENIED) {
            return new Result("the user denied this call (approval " + earlier.get().id() + "); do not ask again",
                    true, null);
        }
        if (earlier.isPresent() && earlier.get().state() == Approval.State.EXPIRED) {
            return new Result("approval " + earlier.get().id() + " for this call expired unanswered, which counts as "
                    + "no; do not ask again", true, null);
        }
        Approval a = approvals.request(task, request, verdict.reason());
        log.info("tool={} task={} waits for approval id={}: {}", request.tool(), task, a.id(), verdict.reason());
        String usedUp = earlier.isPresent() && earlier.get().state() == Approval.State.APPROVED
                ? "approval " + earlier.get().id() + " allowed this call once, and it ran; " : "";
        return new Result("not run yet: " + usedUp + verdict.reason() + ". Approval " + a.id() + " is waiting for "
                + "the user ('kairos approvals approve " + a.id() + "'); " + (task == null ? "this conversation"
                : "the task") + " resumes once it is decided. Continue with what you can do without it, or finish.",
                true, a.id());
    }

    private Result run(ToolCallRequest request, Verdict verdict) {
        ToolResult r = tools.call(request.tool(), request.input(), context.withNetwork(verdict.network()));
        return new Result(r.content(), r.isError(), null, r.tainted());
    }
}
