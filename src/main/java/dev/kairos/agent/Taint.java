package dev.kairos.agent;

import dev.kairos.event.Trust;
import dev.kairos.model.Content;
import java.util.function.LongConsumer;

/**
 * One turn's taint: set when untrusted input started the turn or fed its memories, and from the first tool result
 * that holds someone else's text. Tainted, a task stays so: {@code persist} marks it UNTRUSTED in the store at once,
 * so a task resumed after an approval is still tainted. What the turn writes to memory carries the mark.
 */
final class Taint {
    private final LongConsumer persist;
    private volatile boolean tainted;

    /** @param persist marks a task (by id) untrusted in the store */
    Taint(boolean tainted, LongConsumer persist) {
        this.tainted = tainted;
        this.persist = persist;
    }

    /** UNTRUSTED once the turn has read someone else's text: the trust of what it writes to memory. */
    Trust trust() {
        return tainted ? Trust.UNTRUSTED : Trust.TRUSTED;
    }

    /** The gate, watching each call's scope and result for taint. */
    ToolGate around(ToolGate gate) {
        return new ToolGate() {
            @Override
            public Result call(Content.ToolUse use, Scope scope) {
                if (scope.tainted()) tainted = true;
                Result r = gate.call(use, scope);
                if (r.tainted() && !tainted) {
                    tainted = true;
                    if (scope.taskId() != null) persist.accept(scope.taskId());
                }
                return r;
            }

            @Override
            public boolean offers(String tool) {
                return gate.offers(tool);
            }
        };
    }
}
