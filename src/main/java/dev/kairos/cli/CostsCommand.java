package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.ledger.Ledger;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "costs", description = "The ledger: tokens and money by day, task kind and model.")
final class CostsCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Option(names = "--days", paramLabel = "N", defaultValue = "30", description = "How many days back (default 30).")
    int days;

    @Option(names = "--json", description = "Print {days: [{date, inputTokens, outputTokens, cacheWriteTokens, "
            + "cacheReadTokens, costUsd, calls, byKind: {KIND: {...}}, byModel: {MODEL: {...}}}]}, newest first.")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        if (days < 1) throw new UserError("--days must be at least 1");
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            LocalDate today = cli.clock().instant().atZone(k.config().zone()).toLocalDate();
            List<Ledger.Day> list = k.ledger().days(today.minusDays(days - 1L), today);
            if (json) {
                cli.out().println(Json.write(Map.of("days", list)));
                return 0;
            }
            if (list.isEmpty()) {
                cli.out().println("No model calls in the last " + days + " days: nothing spent.");
                return 0;
            }
            cli.out().printf("%-10s %10s %8s %11s %10s %9s%n", "day", "input", "output", "cache write", "cache read", "USD");
            for (Ledger.Day d : list) {
                cli.out().printf("%-10s %10d %8d %11d %10d %9.4f%n", d.date(), d.inputTokens(), d.outputTokens(),
                        d.cacheWriteTokens(), d.cacheReadTokens(), d.costUsd());
                d.byKind().forEach((kind, t) -> cli.out().printf("  %-18s %d calls, %d in, %d out, $%.4f%n",
                        "kind " + kind, t.calls(), t.inputTokens(), t.outputTokens(), t.costUsd()));
                d.byModel().forEach((model, t) -> cli.out().printf("  %-18s %d calls, %d in, %d out, $%.4f%n",
                        model, t.calls(), t.inputTokens(), t.outputTokens(), t.costUsd()));
            }
            return 0;
        }
    }
}
