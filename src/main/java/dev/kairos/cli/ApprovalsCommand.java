package dev.kairos.cli;

import dev.kairos.Json;
import dev.kairos.Kairos;
import dev.kairos.event.Printable;
import dev.kairos.heartbeat.Task;
import dev.kairos.policy.Approval;
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
        "  kairos approvals approve ID   let the call run; its task resumes at the next beat",
        "  kairos approvals deny ID      refuse it; the task is told",
        "Unanswered approvals expire (policy.approvalTtl, default 24h), and expiry means no."})
final class ApprovalsCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Parameters(index = "0", arity = "0..1", paramLabel = "approve|deny", description = "What to do with ID.")
    String action;

    @Parameters(index = "1", arity = "0..1", paramLabel = "ID", description = "The approval's number.")
    Long id;

    @Option(names = "--json", description = "Print {approvals: [{id, createdAt, expiresAt, taskId, tool, input, "
            + "reason, state, decidedAt}]} (the pending ones, or the one decided).")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            if (action == null) return list(cli, k.approvals().pending());
            if (id == null) throw new UserError("say which approval: 'kairos approvals " + action + " ID'");
            Optional<Approval> decided = switch (action) {
                case "approve" -> k.approvals().approve(id);
                case "deny" -> k.approvals().deny(id);
                default -> throw new UserError("'" + action + "' is not an action; use approve or deny");
            };
            Approval a = decided.orElseThrow(() -> new UserError("there is no approval " + id
                    + "; 'kairos approvals' lists the pending ones"));
            if (a.state() == Approval.State.EXPIRED) {
                throw new UserError("approval " + id + " expired at " + a.expiresAt() + " and counts as no");
            }
            if (a.taskId() != null) {
                k.tasks().setState(a.taskId(), Task.State.PENDING, "approval " + id + " " + a.state().name()
                        .toLowerCase(), cli.clock().instant());
            }
            if (json) {
                cli.out().println(Json.write(Map.of("approvals", List.of(a))));
            } else {
                cli.out().println("Approval " + id + " " + a.state().name().toLowerCase() + ": " + a.tool() + " "
                        + Printable.of(String.valueOf(a.input())) + (a.taskId() == null ? "" : "; task " + a.taskId() + " resumes at the next beat"));
            }
            return 0;
        }
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
