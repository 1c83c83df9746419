package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * KAIROS_WEB_TOKEN opens the chat to whoever has it: one that could be guessed stops Kairos with one line (which
 * does not repeat it), rather than guarding the chat badly; a good one is kept and never printed with the config.
 */
class WebTokenTooShortToGuardIsRefusedTest {
    @TempDir Path home;

    @Test
    void aShortTokenIsAnErrorAndAGoodOneIsNeverPrinted() throws Exception {
        Files.writeString(home.resolve("kairos.yaml"), "timezone: UTC\n");
        assertThatThrownBy(() -> ConfigReader.read(home, Map.of("KAIROS_WEB_TOKEN", "hunter2")))
                .isInstanceOf(ConfigError.class)
                .hasMessageStartingWith("KAIROS_WEB_TOKEN: too short")
                .hasMessageContaining("openssl rand -hex 16")
                .hasMessageNotContaining("hunter2");

        String good = "7f3c9a1e5b2d4f60a8c7e9b1d3f5a7c9";
        Config config = ConfigReader.read(home, Map.of("KAIROS_WEB_TOKEN", good));
        assertThat(config.channels().webToken()).contains(good);
        assertThat(config.toString()).doesNotContain(good);
        assertThat(ConfigReader.read(home, Map.of()).channels().webToken()).isEmpty();
    }
}
