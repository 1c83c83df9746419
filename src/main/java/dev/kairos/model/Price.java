package dev.kairos.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** What a model charges, in US dollars per million tokens of each kind. */
public record Price(BigDecimal input, BigDecimal output, BigDecimal cacheWrite, BigDecimal cacheRead) {

    public static final Price FREE = new Price(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public Price {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(cacheWrite, "cacheWrite");
        Objects.requireNonNull(cacheRead, "cacheRead");
    }

    /** Prices in dollars per million tokens, e.g. {@code Price.of("3", "15", "3.75", "0.30")}. */
    public static Price of(String input, String output, String cacheWrite, String cacheRead) {
        return new Price(new BigDecimal(input), new BigDecimal(output), new BigDecimal(cacheWrite),
                new BigDecimal(cacheRead));
    }

    /** The cost of {@code usage} in dollars, exact to a millionth of a cent. */
    public BigDecimal cost(Usage usage) {
        BigDecimal perMillion = input.multiply(BigDecimal.valueOf(usage.inputTokens()))
                .add(output.multiply(BigDecimal.valueOf(usage.outputTokens())))
                .add(cacheWrite.multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(cacheRead.multiply(BigDecimal.valueOf(usage.cacheReadTokens())));
        return perMillion.divide(MILLION, 8, RoundingMode.HALF_UP).stripTrailingZeros();
    }
}
