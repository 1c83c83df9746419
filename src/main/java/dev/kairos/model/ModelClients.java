package dev.kairos.model;

import java.time.Duration;
import java.util.Map;

/** Creates the client for a {@code provider/model}, configured from the environment. */
public final class ModelClients {

    private ModelClients() {}

    /**
     * The client for {@code spec}. Anthropic reads {@code ANTHROPIC_API_KEY} and {@code ANTHROPIC_BASE_URL}; OpenAI
     * {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}; Ollama {@code OLLAMA_BASE_URL} (default
     * {@code http://127.0.0.1:11434/v1}, no key). Any other provider NAME is an OpenAI-compatible server at
     * {@code NAME_BASE_URL} with key {@code NAME_API_KEY} (falling back to the OPENAI_ variables).
     *
     * @param timeout how long one request may take
     * @throws ModelException of kind AUTH when a provider that needs a key has none
     * @throws IllegalArgumentException when a base URL is missing or malformed
     */
    public static ModelClient create(ModelSpec spec, Map<String, String> env, Duration timeout) {
        return create(spec, env, timeout, Sleeper.REAL);
    }

    static ModelClient create(ModelSpec spec, Map<String, String> env, Duration timeout, Sleeper sleeper) {
        Endpoint endpoint = Endpoint.resolve(spec, env, timeout);
        Retry retry = new Retry(Retry.MAX_RETRIES, sleeper);
        return "anthropic".equals(spec.provider())
                ? new AnthropicModelClient(endpoint, retry)
                : new OpenAiModelClient(endpoint, retry);
    }
}
