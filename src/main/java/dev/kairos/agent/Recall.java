package dev.kairos.agent;

import dev.kairos.memory.PackedMemory;
import java.time.LocalDate;

/**
 * What memory offers a turn: the items relevant to a query, rendered and packed under a token budget, someone
 * else's text fenced ({@link PackedMemory#untrusted()} then taints the turn).
 */
@FunctionalInterface
public interface Recall {
    Recall NONE = (query, today, budget) -> PackedMemory.EMPTY;

    PackedMemory recall(String query, LocalDate today, int tokenBudget);
}
