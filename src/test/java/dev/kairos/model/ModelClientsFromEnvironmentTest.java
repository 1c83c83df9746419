package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which URL and key a provider gets from the environment, and the clear errors when one is missing. */
class ModelClientsFromEnvironmentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Test
    void missingAnthropicKeyIsAuthAndSaysWhichVariableToSet() {
        ModelException e = catchThrowableOfType(ModelException.class,
                () -> ModelClients.create(ModelSpec.parse("anthropic/claude-haiku-4-5"), Map.of(), TIMEOUT));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTH);
        assertThat(e.getMessage()).contains("anthropic/claude-haiku-4-5", "https://api.anthropic.com",
                "set ANTHROPIC_API_KEY");
    }

    @Test
    void blankOpenAiKeyCountsAsMissing() {
        ModelException e = catchThrowableOfType(ModelException.class, () -> ModelClients.create(
                ModelSpec.parse("openai/gpt-4.1"), Map.of("OPENAI_API_KEY", "  "), TIMEOUT));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTH);
        assertThat(e.getMessage()).contains("set OPENAI_API_KEY", "https://api.openai.com/v1");
    }

    @Test
    void eachProviderGetsItsClientAndDefaultUrl() {
        assertThat(Endpoint.resolve(ModelSpec.parse("anthropic/claude-sonnet-4-5"),
                Map.of("ANTHROPIC_API_KEY", "k"), TIMEOUT).baseUrl()).isEqualTo("https://api.anthropic.com");
        assertThat(Endpoint.resolve(ModelSpec.parse("openai/gpt-5"), Map.of("OPENAI_API_KEY", "k"), TIMEOUT)
                .baseUrl()).isEqualTo("https://api.openai.com/v1");
        Endpoint ollama = Endpoint.resolve(ModelSpec.parse("ollama/qwen3"), Map.of(), TIMEOUT);
        assertThat(ollama.baseUrl()).isEqualTo("http://127.0.0.1:11434/v1");
        assertThat(ollama.apiKey()).isNull();
        assertThat(Endpoint.resolve(ModelSpec.parse("ollama/qwen3"), Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1"),
                TIMEOUT).baseUrl()).as("OPENAI_BASE_URL says otherwise").isEqualTo("http://127.0.0.1:9/v1");
        assertThat(Endpoint.resolve(ModelSpec.parse("ollama/qwen3"), Map.of("OPENAI_BASE_URL", "http://127.0.0.1:9/v1",
                "OLLAMA_BASE_URL", "http://127.0.0.1:8/v1"), TIMEOUT).baseUrl()).isEqualTo("http://127.0.0.1:8/v1");

        ModelClient client = ModelClients.create(ModelSpec.parse("ollama/qwen3"), Map.of(), TIMEOUT);
        assertThat(client).isInstanceOf(OpenAiModelClient.class);
        assertThat(client.provider()).isEqualTo("ollama");
        assertThat(client.model()).isEqualTo("qwen3");
        assertThat(ModelClients.create(ModelSpec.parse("anthropic/claude-sonnet-4-5"),
                Map.of("ANTHROPIC_API_KEY", "k"), TIMEOUT)).isInstanceOf(AnthropicModelClient.class);
    }

    @Test
    void compatibleProviderUsesItsOwnVariablesFirst() {
        Endpoint endpoint = Endpoint.resolve(ModelSpec.parse("lm-studio/qwen"), Map.of(
                "LM_STUDIO_BASE_URL", "http://127.0.0.1:1234/v1/", "LM_STUDIO_API_KEY", "lm",
                "OPENAI_BASE_URL", "https://elsewhere/v1", "OPENAI_API_KEY", "sk-other"), TIMEOUT);

        assertThat(endpoint.baseUrl()).isEqualTo("http://127.0.0.1:1234/v1");
        assertThat(endpoint.apiKey()).isEqualTo("lm");
        assertThat(endpoint.urlVariable()).isEqualTo("LM_STUDIO_BASE_URL");
    }

    @Test
    void compatibleProviderFallsBackToTheOpenAiVariables() {
        Endpoint endpoint = Endpoint.resolve(ModelSpec.parse("vllm/mistral"), Map.of(
                "OPENAI_BASE_URL", "http://gpu-box:8000/v1", "OPENAI_API_KEY", "sk-local"), TIMEOUT);

        assertThat(endpoint.baseUrl()).isEqualTo("http://gpu-box:8000/v1");
        assertThat(endpoint.apiKey()).isEqualTo("sk-local");
        assertThat(endpoint.keyVariable()).isEqualTo("OPENAI_API_KEY");
    }

    @Test
    void compatibleProviderWithoutAnyUrlSaysWhichVariableToSet() {
        assertThatThrownBy(() -> ModelClients.create(ModelSpec.parse("vllm/mistral"), Map.of(), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("VLLM_BASE_URL is not set")
                .hasMessageContaining("OpenAI-compatible");
    }

    @Test
    void malformedBaseUrlIsNamedWithItsVariable() {
        assertThatThrownBy(() -> ModelClients.create(ModelSpec.parse("anthropic/claude-sonnet-4-5"),
                Map.of("ANTHROPIC_API_KEY", "k", "ANTHROPIC_BASE_URL", "localhost:8080"), TIMEOUT))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ANTHROPIC_BASE_URL 'localhost:8080' is not an http(s) URL");
    }

    @Test
    void endpointNeverPrintsItsKey() {
        Endpoint endpoint = Endpoint.resolve(ModelSpec.parse("openai/gpt-4o"),
                Map.of("OPENAI_API_KEY", Provider.KEY), TIMEOUT);

        assertThat(endpoint.toString()).doesNotContain(Provider.KEY).contains("key set");
    }
}
