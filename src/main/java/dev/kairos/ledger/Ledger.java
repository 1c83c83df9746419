package dev.kairos.ledger;

import java.time.LocalDate;
import org.jdbi.v3.core.Jdbi;

/** Token and money accounting over the model_calls table. */
public final class Ledger {
    /** Tokens and cost summed over some model calls. */
    public record Totals(long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens,
            double costUsd, int calls) {}

    private final Jdbi jdbi;

    public Ledger(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public Totals day(LocalDate day) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT coalesce(sum(input_tokens), 0) AS i, coalesce(sum(output_tokens), 0) AS o,
                               coalesce(sum(cache_write_tokens), 0) AS cw, coalesce(sum(cache_read_tokens), 0) AS cr,
                               coalesce(sum(cost_usd), 0) AS usd, count(*) AS n
                        FROM model_calls WHERE day = :day""")
                .bind("day", day.toString())
                .map((rs, ctx) -> new Totals(rs.getLong("i"), rs.getLong("o"), rs.getLong("cw"), rs.getLong("cr"),
                        rs.getDouble("usd"), rs.getInt("n")))
                .one());
    }
}
