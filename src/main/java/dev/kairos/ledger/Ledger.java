package dev.kairos.ledger;

import dev.kairos.config.Config;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Token and money accounting: every model call is recorded here, and budgets are checked against it. */
public final class Ledger {
    /** Tokens and cost summed over some model calls. */
    public record Totals(long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens,
            double costUsd, int calls) {
        static final Totals ZERO = new Totals(0, 0, 0, 0, 0, 0);

        public long allTokens() {
            return inputTokens + outputTokens + cacheWriteTokens + cacheReadTokens;
        }

        Totals plus(Call c) {
            return new Totals(inputTokens + c.inputTokens(), outputTokens + c.outputTokens(),
                    cacheWriteTokens + c.cacheWriteTokens(), cacheReadTokens + c.cacheReadTokens(),
                    costUsd + c.costUsd(), calls + 1);
        }
    }

    /** One model call as recorded. */
    public record Call(Instant at, LocalDate day, Long taskId, String taskKind, String model, long inputTokens,
            long outputTokens, long cacheWriteTokens, long cacheReadTokens, double costUsd) {}

    /** A day of `kairos costs`: totals, and the same by task kind and by model. */
    public record Day(String date, long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens,
            double costUsd, int calls, Map<String, Totals> byKind, Map<String, Totals> byModel) {}

    private final Jdbi jdbi;

    public Ledger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public void record(Call c) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO model_calls (at, day, task_id, task_kind, model, input_tokens, output_tokens,
                    cache_write_tokens, cache_read_tokens, cost_usd)
                VALUES (:at, :day, :taskId, :kind, :model, :in, :out, :cw, :cr, :usd)""")
                .bind("at", c.at().toEpochMilli()).bind("day", c.day().toString()).bind("taskId", c.taskId())
                .bind("kind", c.taskKind()).bind("model", c.model()).bind("in", c.inputTokens())
                .bind("out", c.outputTokens()).bind("cw", c.cacheWriteTokens()).bind("cr", c.cacheReadTokens())
                .bind("usd", c.costUsd()).execute());
    }

    public Totals day(LocalDate day) {
        return between(day, day);
    }

    public Totals between(LocalDate from, LocalDate to) {
        return calls(from, to).stream().reduce(Totals.ZERO, Totals::plus, (a, b) -> a);
    }

    /**
     * Why a call now would pass a budget, or empty when it fits. Tokens count all four kinds (input, output, cache
     * write, cache read); a limit of 0 means none.
     */
    public Optional<String> overBudget(LocalDate day, Config.Budget budget) {
        Totals today = day(day);
        Totals month = between(day.withDayOfMonth(1), day);
        if (budget.dailyTokens() > 0 && today.allTokens() >= budget.dailyTokens()) {
            return Optional.of("today's token budget is spent (" + today.allTokens() + " of " + budget.dailyTokens() + ")");
        }
        if (budget.monthlyTokens() > 0 && month.allTokens() >= budget.monthlyTokens()) {
            return Optional.of("this month's token budget is spent (" + month.allTokens() + " of "
                    + budget.monthlyTokens() + ")");
        }
        if (budget.dailyUsd() > 0 && today.costUsd() >= budget.dailyUsd()) {
            return Optional.of(String.format("today's budget of $%.2f is spent ($%.4f)", budget.dailyUsd(), today.costUsd()));
        }
        if (budget.monthlyUsd() > 0 && month.costUsd() >= budget.monthlyUsd()) {
            return Optional.of(String.format("this month's budget of $%.2f is spent ($%.4f)", budget.monthlyUsd(),
                    month.costUsd()));
        }
        return Optional.empty();
    }

    /** What to tell the user once about a model with no known price (its calls are recorded at $0). */
    public static String unpricedWarning(String model) {
        return "no price is known for " + model + ": its calls count as $0, so budget.dailyUsd and budget.monthlyUsd "
                + "cannot stop it; its tokens count against budget.dailyTokens and budget.monthlyTokens. Set its price "
                + "under prices in kairos.yaml (0 for a free model)";
    }

    /**
     * Why a model with no known price may not be called under {@code budget}: a money limit with no token limit
     * cannot hold it, so nothing is sent (fail closed). Empty when a token limit holds it, or there is no limit.
     */
    public static Optional<String> unpriced(String model, Config.Budget budget) {
        boolean money = budget.dailyUsd() > 0 || budget.monthlyUsd() > 0;
        boolean tokens = budget.dailyTokens() > 0 || budget.monthlyTokens() > 0;
        if (!money || tokens) return Optional.empty();
        return Optional.of("no price is known for " + model + ", so the money budget cannot hold it; set its price "
                + "under prices in kairos.yaml (0 for a free model), or a token budget (budget.dailyTokens)");
    }

    /** Days with model calls between from and to, newest first. */
    public List<Day> days(LocalDate from, LocalDate to) {
        Map<String, List<Call>> byDay = new LinkedHashMap<>();
        for (Call c : calls(from, to)) byDay.computeIfAbsent(c.day().toString(), d -> new ArrayList<>()).add(c);
        List<Day> days = new ArrayList<>();
        byDay.forEach((date, calls) -> {
            Totals t = Totals.ZERO;
            Map<String, Totals> byKind = new LinkedHashMap<>();
            Map<String, Totals> byModel = new LinkedHashMap<>();
            for (Call c : calls) {
                t = t.plus(c);
                byKind.merge(c.taskKind(), Totals.ZERO.plus(c), (a, b) -> a.plus(c));
                byModel.merge(c.model(), Totals.ZERO.plus(c), (a, b) -> a.plus(c));
            }
            days.add(new Day(date, t.inputTokens(), t.outputTokens(), t.cacheWriteTokens(), t.cacheReadTokens(),
                    t.costUsd(), t.calls(), byKind, byModel));
        });
        return days;
    }

    /**
     * Calls of {@code kind} made outside any task (the user's chat) between two instants, both included: what one
     * exchange of a conversation cost, its turns being one at a time.
     */
    public Totals outsideTasks(String kind, Instant from, Instant to) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM model_calls WHERE task_id IS NULL AND task_kind = :kind"
                        + " AND at BETWEEN :from AND :to ORDER BY id")
                .bind("kind", kind).bind("from", from.toEpochMilli()).bind("to", to.toEpochMilli())
                .map(Ledger::call).list()).stream().reduce(Totals.ZERO, Totals::plus, (a, b) -> a);
    }

    private List<Call> calls(LocalDate from, LocalDate to) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM model_calls WHERE day BETWEEN :from AND :to ORDER BY day DESC, id")
                .bind("from", from.toString()).bind("to", to.toString())
                .map(Ledger::call)
                .list());
    }

    private static Call call(java.sql.ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
            throws java.sql.SQLException {
        return new Call(Instant.ofEpochMilli(rs.getLong("at")), LocalDate.parse(rs.getString("day")),
                rs.getObject("task_id") == null ? null : rs.getLong("task_id"), rs.getString("task_kind"),
                rs.getString("model"), rs.getLong("input_tokens"), rs.getLong("output_tokens"),
                rs.getLong("cache_write_tokens"), rs.getLong("cache_read_tokens"), rs.getDouble("cost_usd"));
    }
}
