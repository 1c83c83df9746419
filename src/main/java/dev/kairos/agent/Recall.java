package dev.kairos.agent;

import java.time.LocalDate;

/** What memory offers a turn: the items relevant to a query, rendered and packed under a token budget. */
@FunctionalInterface
public interface Recall {
    Recall NONE = (query, today, budget) -> "";

    String recall(String query, LocalDate today, int tokenBudget);
}
