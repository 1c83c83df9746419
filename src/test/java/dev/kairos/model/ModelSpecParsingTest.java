package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModelSpecParsingTest {

    @Test
    void splitsAtTheFirstSlash() {
        assertThat(ModelSpec.parse("anthropic/claude-sonnet-4-5"))
                .isEqualTo(new ModelSpec("anthropic", "claude-sonnet-4-5"));
        assertThat(ModelSpec.parse(" openrouter/meta-llama/llama-3.1-8b "))
                .isEqualTo(new ModelSpec("openrouter", "meta-llama/llama-3.1-8b"));
    }

    @Test
    void providerIsCaseInsensitiveAndPrintsBackAsWritten() {
        ModelSpec spec = ModelSpec.parse("Ollama/llama3.2:3b");

        assertThat(spec.provider()).isEqualTo("ollama");
        assertThat(spec).hasToString("ollama/llama3.2:3b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "claude-sonnet-4-5", "/gpt-4o", "openai/", "open ai/gpt-4o", "  "})
    void malformedSpecSaysWhatAValidOneLooksLike(String text) {
        assertThatThrownBy(() -> ModelSpec.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is not provider/model")
                .hasMessageContaining("anthropic/claude-sonnet-4-5");
    }

    @Test
    void nullIsMalformedToo() {
        assertThatThrownBy(() -> ModelSpec.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
