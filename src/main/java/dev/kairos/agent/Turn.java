package dev.kairos.agent;

import dev.kairos.ledger.Ledger;
import dev.kairos.model.Content;
import dev.kairos.model.Message;
import dev.kairos.model.ModelClient;
import dev.kairos.model.ModelRequest;
import dev.kairos.model.ModelResponse;
import dev.kairos.model.SystemBlock;
import dev.kairos.model.ToolSpec;
import dev.kairos.model.Price;
import dev.kairos.model.Usage;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One task's bounded conversation with the model: request, tool calls through the gate, results, again, until a
 * final answer or a limit (steps, tokens, time). The ledger is asked before every call and told after it.
 */
final class Turn {
    /** Bounds on one turn. */
    record Limits(int maxSteps, long maxTokens, Duration maxTime, int maxOutputTokens) {
        static final Limits DEFAULT = new Limits(12, 60_000, Duration.ofMinutes(5), 2_048);
    }

    enum End { DONE, WAITING_APPROVAL, OUT_OF_BUDGET, LIMIT }

    /**
     * How the turn ended. {@code approvals}: those the turn waits for (the user's decision), oldest first;
     * {@code tainted}: it was, or became, tainted (it read someone else's text).
     */
    record Outcome(End end, String text, int modelCalls, Usage usage, String detail, List<Long> approvals,
            boolean tainted) {
        Outcome {
            approvals = List.copyOf(approvals);
        }
    }


    private final ModelClient client;
    private final String modelName;
    private final Price price;
    private final ToolGate gate;
    private final Ledger ledger;
    private final Supplier<Optional<String>> overBudget;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Limits limits;

    /** @param overBudget why a call now would pass a budget, or empty */
    Turn(ModelClient client, String modelName, Price price, ToolGate gate, Ledger ledger,
            Supplier<Optional<String>> overBudget, InstantSource clock, ZoneId zone, Limits limits) {
        this.client = client;
        this.modelName = modelName;
        this.price = price;
        this.gate = gate;
        this.ledger = ledger;
        this.overBudget = overBudget;
        this.clock = clock;
        this.zone = zone;
        this.limits = limits;
    }

    /** Where this turn's tool calls go: a resumed chat runs its approved calls through it before the model. */
    ToolGate gate() {
        return gate;
    }

    /** Runs the turn; a tool result with someone else's text taints every call after it. */
    Outcome run(ModelRequest first, ToolGate.Scope scope) {
        return run(first, scope, ChatProgress.NONE);
    }

    /** The same, streaming the model's text and naming each tool call to {@code progress} as they come. */
    Outcome run(ModelRequest first, ToolGate.Scope scope, ChatProgress progress) {
        return run(first, scope, progress, true);
    }

    /**
     * @param markFirst whether the first request marks cache breakpoints: a provider that bills cache writes
     *     (Anthropic, 1.25x) is paid for nothing when no later request reads them, as in a turn of one call. From the
     *     second request on, a tool loop is under way, and each request marks its end for the next.
     */
    Outcome run(ModelRequest first, ToolGate.Scope scope, ChatProgress progress, boolean markFirst) {
        ToolGate.Scope current = scope;
        Instant start = clock.instant();
        List<Message> messages = new ArrayList<>(first.messages());
        List<ToolSpec> tools = first.tools().stream().filter(t -> gate.offers(t.name())).toList(); // stable per gate
        Usage used = Usage.ZERO;
        int calls = 0;
        List<Long> waitingFor = new ArrayList<>();
        for (int step = 1; step <= limits.maxSteps(); step++) {
            Optional<String> over = overBudget.get();
            if (over.isPresent()) {
                return new Outcome(End.OUT_OF_BUDGET, "", calls, used, over.get(), waitingFor, current.tainted());
            }
            if (used.totalInputTokens() + used.outputTokens() >= limits.maxTokens()) {
                return new Outcome(End.LIMIT, "", calls, used, "stopped at the task's token limit of " + limits.maxTokens(),
                        waitingFor, current.tainted());
            }
            if (Duration.between(start, clock.instant()).compareTo(limits.maxTime()) > 0) {
                return new Outcome(End.LIMIT, "", calls, used, "stopped at the task's time limit of " + limits.maxTime(),
                        waitingFor, current.tainted());
            }
            boolean mark = markFirst || step > 1;
            ModelRequest request = new ModelRequest(mark ? first.system() : unmarked(first.system()), tools,
                    mark ? cacheLast(messages) : messages.stream().map(m -> m.withCacheBreakpoint(false)).toList(),
                    limits.maxOutputTokens(), first.cacheKey());
            ModelResponse response = progress == ChatProgress.NONE ? client.complete(request)
                    : client.stream(request, progress::text);
            calls++;
            used = used.plus(response.usage());
            record(scope, response.usage());
            messages.add(Message.assistant(response.content()));
            List<Content.ToolUse> uses = response.toolUses();
            if (uses.isEmpty()) {
                return new Outcome(waitingFor.isEmpty() ? End.DONE : End.WAITING_APPROVAL, response.text(), calls, used,
                        "", waitingFor, current.tainted());
            }
            List<Content> results = new ArrayList<>();
            for (Content.ToolUse use : uses) {
                progress.toolCall(use.name());
                ToolGate.Result r = gate.call(use, current);
                if (r.approvalRequested() && !waitingFor.contains(r.waitsFor())) waitingFor.add(r.waitsFor());
                if (r.tainted()) current = current.taint();
                results.add(new Content.ToolResult(use.id(), r.content(), r.isError()));
            }
            messages.add(new Message(Message.Role.USER, results, false));
        }
        return new Outcome(waitingFor.isEmpty() ? End.LIMIT : End.WAITING_APPROVAL, "", calls, used,
                "stopped after " + limits.maxSteps() + " steps", waitingFor, current.tainted());
    }

    private void record(ToolGate.Scope scope, Usage u) {
        Instant now = clock.instant();
        ledger.record(new Ledger.Call(now, now.atZone(zone).toLocalDate(), scope.taskId(), scope.kind(), modelName,
                u.inputTokens(), u.outputTokens(), u.cacheWriteTokens(), u.cacheReadTokens(),
                price.cost(u).doubleValue()));
    }

    /**
     * Moves the conversation's cache breakpoint to its last message, so each step of a tool loop re-reads the
     * steps before it from the cache. A breakpoint the caller set on the session window stays.
     */
    private static List<Message> cacheLast(List<Message> messages) {
        List<Message> out = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            boolean last = i == messages.size() - 1;
            boolean windowMark = m.cacheBreakpoint() && i < messages.size() - 1 && isWindowMark(messages, i);
            out.add(m.withCacheBreakpoint(last || windowMark));
        }
        return out;
    }

    private static List<SystemBlock> unmarked(List<SystemBlock> system) {
        return system.stream().map(b -> new SystemBlock(b.text(), false)).toList();
    }

    /** The window's mark is the last breakpoint before the first message this turn added. */
    private static boolean isWindowMark(List<Message> messages, int i) {
        for (int j = i + 1; j < messages.size(); j++) if (messages.get(j).cacheBreakpoint()) return false;
        return true;
    }
}
