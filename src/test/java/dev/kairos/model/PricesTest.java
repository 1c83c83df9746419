package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PricesTest {

    private final Prices prices = Prices.standard();

    @Test
    void datedModelNamesFindTheirFamily() {
        assertThat(prices.of(ModelSpec.parse("anthropic/claude-sonnet-4-5-20250929")))
                .isEqualTo(Price.of("3", "15", "3.75", "0.30"));
        assertThat(prices.of(ModelSpec.parse("anthropic/claude-haiku-4-5")))
                .isEqualTo(Price.of("1", "5", "1.25", "0.10"));
        assertThat(prices.of(ModelSpec.parse("openai/gpt-4.1-2025-04-14")))
                .isEqualTo(Price.of("2", "8", "2", "0.50"));
    }

    @Test
    void longestPrefixWins() {
        assertThat(prices.of(ModelSpec.parse("openai/gpt-4o-mini")).input()).isEqualByComparingTo("0.15");
        assertThat(prices.of(ModelSpec.parse("openai/gpt-4o-2024-08-06")).input()).isEqualByComparingTo("2.50");
        assertThat(prices.of(ModelSpec.parse("openai/o3-mini")).output()).isEqualByComparingTo("4.40");
        assertThat(prices.of(ModelSpec.parse("openai/o3")).output()).isEqualByComparingTo("8");
        assertThat(prices.of(ModelSpec.parse("anthropic/claude-opus-4-1-20250805")).input())
                .isEqualByComparingTo("15");
        assertThat(prices.of(ModelSpec.parse("anthropic/claude-opus-4-20250514")).input())
                .isEqualByComparingTo("15");
        assertThat(prices.of(ModelSpec.parse("anthropic/claude-opus-4-5")).input()).isEqualByComparingTo("5");
    }

    @Test
    void localAndUnknownModelsAreFree() {
        assertThat(prices.of(ModelSpec.parse("ollama/llama3.2"))).isEqualTo(Price.FREE);
        assertThat(prices.of(ModelSpec.parse("ollama/gpt-4o"))).isEqualTo(Price.FREE);
        assertThat(prices.of(ModelSpec.parse("anthropic/claude-future-9"))).isEqualTo(Price.FREE);
        assertThat(prices.find(ModelSpec.parse("anthropic/claude-future-9"))).isEmpty();
    }

    @Test
    void overridesWinByModelPrefixOrProviderPrefix() {
        Prices custom = Prices.withOverrides(Map.of(
                "gpt-4o", Price.of("1", "2", "1", "0.5"),
                "groq/", Price.of("0.59", "0.79", "0.59", "0.59")));

        assertThat(custom.of(ModelSpec.parse("openai/gpt-4o")).input()).isEqualByComparingTo("1");
        assertThat(custom.of(ModelSpec.parse("openai/gpt-4o-mini")).input()).isEqualByComparingTo("1");
        assertThat(custom.of(ModelSpec.parse("groq/llama-3.3-70b")).output()).isEqualByComparingTo("0.79");
        assertThat(custom.of(ModelSpec.parse("openai/gpt-4.1")).input()).isEqualByComparingTo("2");
    }

    @Test
    void costAddsEveryKindOfTokenAtItsPrice() {
        Price sonnet = prices.of(ModelSpec.parse("anthropic/claude-sonnet-4-5"));

        assertThat(sonnet.cost(new Usage(1_000_000, 1_000_000, 1_000_000, 1_000_000)))
                .isEqualByComparingTo("22.05");
        assertThat(sonnet.cost(new Usage(1200, 300, 0, 50_000))).isEqualByComparingTo(new BigDecimal("0.0231"));
        assertThat(Price.FREE.cost(new Usage(5, 5, 5, 5))).isEqualByComparingTo("0");
    }
}
