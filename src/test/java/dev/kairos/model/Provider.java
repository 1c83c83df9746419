package dev.kairos.model;

import dev.kairos.testkit.FakeModelServer;
import java.time.Duration;
import java.util.Map;

/** The two wire formats, each with a client pointed at a fake server; tests run once per provider. */
enum Provider {
    ANTHROPIC("anthropic/claude-sonnet-4-5", "ANTHROPIC_API_KEY") {
        @Override
        Map<String, String> env(String baseUrl) {
            return Map.of("ANTHROPIC_BASE_URL", baseUrl, "ANTHROPIC_API_KEY", KEY);
        }
    },
    OPENAI("openai/gpt-4.1", "OPENAI_API_KEY") {
        @Override
        Map<String, String> env(String baseUrl) {
            return Map.of("OPENAI_BASE_URL", baseUrl + "/v1", "OPENAI_API_KEY", KEY);
        }
    };

    /** A key that must never show up in an error message. */
    static final String KEY = "sk-kairos-test-0123456789abcdef";

    final ModelSpec spec;
    final String keyVariable;

    Provider(String spec, String keyVariable) {
        this.spec = ModelSpec.parse(spec);
        this.keyVariable = keyVariable;
    }

    /** The environment that points this provider at a server whose base URL is {@code baseUrl}. */
    abstract Map<String, String> env(String baseUrl);

    ModelClient client(FakeModelServer server, Sleeper sleeper) {
        return client(server.baseUrl(), sleeper);
    }

    ModelClient client(String baseUrl, Sleeper sleeper) {
        return ModelClients.create(spec, env(baseUrl), Duration.ofSeconds(10), sleeper);
    }
}
