package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.event.Printable;
import dev.kairos.policy.Approval;
import dev.kairos.policy.Approvals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "approvals", description = {"Tool calls waiting for your yes or no.",
        "  kairos approvals              list the pending ones",
        "  kairos approvals approve ID   let that one call run, once; its task resumes at the next beat, and a",
        "                                chat that asked continues here (or in the running agent) and answers",
        "  kairos approvals deny ID      refuse it; the task or chat is told",
        "The first decision stands: deciding again changes nothing and exits with 1. A task that already finished",
        "is never run again by a decision. Unanswered approvals expire (policy.approvalTtl, default 24h), and",
        "expiry means no."})
final class ApprovalsCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "approve|deny", description = "What to do with ID.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The approval's number.")
    Long id;

    @Option(names = "--json", description = "Print {approvals: [{id, createdAt, expiresAt, taskId, tool, input, "
            + "reason, state, decidedAt, usedAt}]} (the pending ones); after approve or deny, also changed (false: "
            + "it was already decided, expired or used), note (what it means) and answer (a chat's, or null).")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            if (action == null) return list(cli, k.approvals().pending());
            if (id == null) throw new UserError("say which approval: 'kairos approvals " + action + " ID'");
            Optional<Approvals.Decided> decided = switch (action) {
                case "approve" -> k.approvals().approve(id);
                case "deny" -> k.approvals().deny(id);
                default -> throw new UserError("'" + action + "' is not an action; use approve or deny");
            };
            Approvals.Decided d = decided.orElseThrow(() -> new UserError("there is no approval " + id
                    + "; 'kairos approvals' lists the pending ones"));
            if (!d.changed()) {
                return report(cli, d.approval(), false, "approval " + id + " " + standing(d.approval())
                        + "; nothing changed", null);
            }
            Approval a = d.approval();
            TaskAfterDecision.Said said = new TaskAfterDecision(k, cli).follow(a);
            return report(cli, a, true, "Approval " + id + " " + a.state().name().toLowerCase() + ": " + a.tool()
                    + " " + Printable.of(String.valueOf(a.input())) + "; " + said.note(), said.answer());
        }
    }

    private int report(Cli cli, Approval a, boolean changed, String note, String answer) {
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("approvals", List.of(a));
            out.put("changed", changed);
            out.put("note", note);
            out.put("answer", answer);
            cli.out().println(Json.write(out));
        } else if (changed) {
            cli.out().println(note);
            if (answer != null) cli.out().println(answer);
        } else {
            cli.err().println("kairos: " + note);
        }
        return changed ? 0 : 1;
    }

    /** What an approval already is, for a user who decides it again. */
    private static String standing(Approval a) {
        return switch (a.state()) {
            case PENDING -> "is still waiting"; // not reached: a pending one is decided
            case EXPIRED -> "expired unanswered at " + a.decidedAt() + ", which counts as no";
            case DENIED -> "was already denied at " + a.decidedAt();
            case APPROVED -> "was already approved at " + a.decidedAt()
                    + (a.usedAt() == null ? "" : " and used at " + a.usedAt());
        };
    }

    private int list(Cli cli, List<Approval> pending) {
        if (json) {
            cli.out().println(Json.write(Map.of("approvals", pending)));
        } else if (pending.isEmpty()) {
            cli.out().println("No approvals are waiting.");
        } else {
            for (Approval a : pending) {
                cli.out().println(a.id() + "  " + a.tool() + " " + Printable.of(String.valueOf(a.input()))
                        + (a.taskId() == null ? "" : "  (task "
                        + a.taskId() + ")"));
                cli.out().println("    " + Printable.of(a.reason()) + "; expires " + a.expiresAt());
            }
            cli.out().println("Decide with 'kairos approvals approve ID' or 'kairos approvals deny ID'.");
        }
        return 0;
    }
}
