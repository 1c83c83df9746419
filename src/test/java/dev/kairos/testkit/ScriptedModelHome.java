package dev.kairos.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;

/**
 * The environment of a Kairos home in a temp dir whose model is a {@link FakeModelServer} speaking Anthropic's wire
 * format, in UTC: {@code ScriptedModelHome.at(home, server).init(clock).config(yaml).env()}.
 */
public record ScriptedModelHome(Path home, Map<String, String> env) {
    public static final String MODEL = "anthropic/claude-sonnet-4-5";

    public static ScriptedModelHome at(Path home, FakeModelServer server) {
        return new ScriptedModelHome(home, Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC",
                "KAIROS_MODEL", MODEL, "ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "k"));
    }

    /** The same with one more variable, or another value for one (another KAIROS_MODEL, a PATH). */
    public ScriptedModelHome with(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new ScriptedModelHome(home, Map.copyOf(more));
    }

    /** `kairos init`, which must succeed. */
    public ScriptedModelHome init(InstantSource clock) {
        CliRun init = CliRun.run(env, clock, "init");
        if (init.exitCode() != 0) throw new AssertionError("kairos init failed: " + init.err());
        return this;
    }

    /** kairos.yaml replaced by {@code yaml}. */
    public ScriptedModelHome config(String yaml) {
        try {
            Files.writeString(home.resolve("kairos.yaml"), yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
