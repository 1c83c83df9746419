package dev.kairos.model;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * List prices of the hosted models, matched by the longest model-name prefix, so dated and later minor versions
 * ({@code claude-sonnet-4-5-20250929}, {@code gpt-4.1-2025-04-14}) find their family. Ollama and unknown models
 * cost nothing: they run locally, or the user supplies a price.
 */
public final class Prices {

    /** USD per million tokens: input, output, cache write, cache read (checked 2025-11 on the providers' pages). */
    private static final Map<String, Price> LIST = Map.ofEntries(
            // Anthropic: a 5-minute cache write costs 1.25x input, a cache read 0.1x.
            // Opus 4.5 and later cost a third of Opus 4.0 and 4.1, which keep their own entries.
            Map.entry("claude-opus-4", Price.of("5", "25", "6.25", "0.50")),
            Map.entry("claude-opus-4-0", Price.of("15", "75", "18.75", "1.50")),
            Map.entry("claude-opus-4-1", Price.of("15", "75", "18.75", "1.50")),
            Map.entry("claude-opus-4-2025", Price.of("15", "75", "18.75", "1.50")),
            Map.entry("claude-sonnet-4", Price.of("3", "15", "3.75", "0.30")),
            Map.entry("claude-haiku-4", Price.of("1", "5", "1.25", "0.10")),
            // OpenAI: caching is automatic and writes cost plain input; reads are discounted.
            Map.entry("gpt-4o", Price.of("2.50", "10", "2.50", "1.25")),
            Map.entry("gpt-4o-mini", Price.of("0.15", "0.60", "0.15", "0.075")),
            Map.entry("gpt-4.1", Price.of("2", "8", "2", "0.50")),
            Map.entry("gpt-4.1-mini", Price.of("0.40", "1.60", "0.40", "0.10")),
            Map.entry("gpt-4.1-nano", Price.of("0.10", "0.40", "0.10", "0.025")),
            Map.entry("gpt-5", Price.of("1.25", "10", "1.25", "0.125")),
            Map.entry("gpt-5-mini", Price.of("0.25", "2", "0.25", "0.025")),
            Map.entry("gpt-5-nano", Price.of("0.05", "0.40", "0.05", "0.005")),
            Map.entry("gpt-5-pro", Price.of("15", "120", "15", "15")),
            Map.entry("o1", Price.of("15", "60", "15", "7.50")),
            Map.entry("o1-mini", Price.of("1.10", "4.40", "1.10", "0.55")),
            Map.entry("o1-pro", Price.of("150", "600", "150", "150")),
            Map.entry("o3", Price.of("2", "8", "2", "0.50")),
            Map.entry("o3-mini", Price.of("1.10", "4.40", "1.10", "0.55")),
            Map.entry("o3-pro", Price.of("20", "80", "20", "20")),
            Map.entry("o4-mini", Price.of("1.10", "4.40", "1.10", "0.275")));

    /** Other providers may serve models of the same names at other prices (or for free, locally). */
    private static final Set<String> PROVIDERS_WITH_LIST_PRICES = Set.of("anthropic", "openai");

    private final Map<String, Price> overrides;

    private Prices(Map<String, Price> overrides) {
        this.overrides = Map.copyOf(overrides);
    }

    /** The list prices. */
    public static Prices standard() {
        return new Prices(Map.of());
    }

    /**
     * List prices, with {@code overrides} taking precedence. A key is a model-name prefix ({@code gpt-4o}) or a
     * {@code provider/model} prefix ({@code ollama/llama3}, {@code groq/}), so local and compatible servers can be
     * priced too.
     */
    public static Prices withOverrides(Map<String, Price> overrides) {
        return new Prices(new LinkedHashMap<>(overrides));
    }

    /** The price of {@code spec}'s model; {@link Price#FREE} for Ollama and for models no list knows. */
    public Price of(ModelSpec spec) {
        return find(spec).orElse(Price.FREE);
    }

    /** The price of {@code spec}'s model (free for Ollama), or empty if neither the overrides nor the list know it. */
    public Optional<Price> find(ModelSpec spec) {
        Optional<Price> override = longestPrefix(overrides, spec.toString())
                .or(() -> longestPrefix(overrides, spec.model()));
        if (override.isPresent()) {
            return override;
        }
        if ("ollama".equals(spec.provider())) {
            return Optional.of(Price.FREE); // it runs on this machine
        }
        if (!PROVIDERS_WITH_LIST_PRICES.contains(spec.provider())) {
            return Optional.empty();
        }
        return longestPrefix(LIST, spec.model());
    }

    private static Optional<Price> longestPrefix(Map<String, Price> prices, String name) {
        return prices.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .max(Comparator.comparingInt(e -> e.getKey().length()))
                .map(Map.Entry::getValue);
    }
}
