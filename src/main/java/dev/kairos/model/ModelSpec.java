package dev.kairos.model;

import java.util.Locale;

/**
 * Which model to use, as written in {@code KAIROS_MODEL}: {@code provider/model}. Providers are {@code anthropic},
 * {@code openai}, {@code ollama}; any other name is taken for an OpenAI-compatible server.
 */
public record ModelSpec(String provider, String model) {

    public ModelSpec {
        if (provider == null || !provider.matches("[a-z0-9][a-z0-9_-]*")) {
            throw new IllegalArgumentException(
                    "model provider '" + provider + "' is not a name like anthropic, openai or ollama");
        }
        if (model == null || model.isBlank()) {
            throw new IllegalArgumentException("model name is empty for provider " + provider);
        }
    }

    /**
     * Parses {@code provider/model}. The model keeps any further slashes ({@code openrouter/meta-llama/llama-3}).
     *
     * @throws IllegalArgumentException with a message saying what a valid value looks like
     */
    public static ModelSpec parse(String text) {
        String trimmed = text == null ? "" : text.strip();
        int slash = trimmed.indexOf('/');
        if (slash <= 0 || slash == trimmed.length() - 1) {
            throw new IllegalArgumentException("model '" + trimmed + "' is not provider/model:"
                    + " write e.g. anthropic/claude-sonnet-4-5, openai/gpt-4.1 or ollama/llama3.2");
        }
        String provider = trimmed.substring(0, slash).toLowerCase(Locale.ROOT);
        String model = trimmed.substring(slash + 1);
        try {
            return new ModelSpec(provider, model);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model '" + trimmed + "' is not provider/model: " + e.getMessage()
                    + "; write e.g. anthropic/claude-sonnet-4-5, openai/gpt-4.1 or ollama/llama3.2");
        }
    }

    @Override
    public String toString() {
        return provider + "/" + model;
    }
}
