package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedConfigIsReportedTest {
    @TempDir Path home;

    private ConfigError errorFor(String yaml) throws Exception {
        Files.writeString(home.resolve("kairos.yaml"), yaml);
        try {
            ConfigReader.read(home, Map.of());
        } catch (ConfigError e) {
            return e;
        }
        throw new AssertionError("no error for:\n" + yaml);
    }

    @Test
    void badYamlNamesFileAndLine() throws Exception {
        ConfigError e = errorFor("timezone: UTC\nheartbeat:\n\tevery: 5m\n");
        assertThat(e.getMessage()).startsWith(home.resolve("kairos.yaml") + ":3: not valid YAML").doesNotContain("\n");
    }

    @Test
    void unknownKeyNamesLineKeyAndSuggestion() throws Exception {
        ConfigError e = errorFor("timezone: UTC\nheartbeat:\n  every: 5m\n  jiter: 3s\n");
        assertThat(e.getMessage()).isEqualTo(home.resolve("kairos.yaml") + ":4: heartbeat.jiter: unknown key; "
                + "did you mean 'jitter'? allowed here: every, jitter, activeHours, logIdleEvery");
    }

    @Test
    void wrongTypeNamesLineAndKey() throws Exception {
        ConfigError e = errorFor("http:\n  port: [1, 2]\n");
        assertThat(e.getMessage()).isEqualTo(home.resolve("kairos.yaml")
                + ":2: http.port: expected a whole number, found a list");
    }

    @Test
    void badValuesSayWhatIsAllowed() throws Exception {
        assertThat(errorFor("heartbeat:\n  every: soon\n").getMessage())
                .endsWith(":2: heartbeat.every: 'soon' is not a duration; use e.g. 30s, 5m, 2h or 1d");
        assertThat(errorFor("http:\n  port: 70000\n").getMessage())
                .endsWith(":2: http.port: must be between 0 and 65535, found 70000");
        assertThat(errorFor("heartbeat:\n  activeHours: 9-5\n").getMessage())
                .contains(":2: heartbeat.activeHours: '9-5' is not a window of hours");
        assertThat(errorFor("watch:\n  - path: /tmp\n    tset: make test\n").getMessage())
                .contains(":3: watch.0.tset: unknown key; did you mean 'test'?");
    }

    @Test
    void theTemplateIsValidAndGivesTheDefaults() throws Exception {
        new Workspace(home).init();
        Config c = ConfigReader.read(home, Map.of());
        assertThat(c.heartbeat().every()).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.http().port()).isEqualTo(7411);
        assertThat(c.models().main()).isEmpty();
        assertThat(c.heartbeat().activeHours()).isEqualTo(ActiveHours.ALWAYS);
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Files.writeString(home.resolve("kairos.yaml"), "model:\n  main: openai/gpt-4.1-mini\nhttp:\n  port: 8000\n");
        Config c = ConfigReader.read(home, Map.of("KAIROS_MODEL", "anthropic/claude-haiku-4-5",
                "KAIROS_HTTP_PORT", "9000"));
        assertThat(c.models().main()).contains("anthropic/claude-haiku-4-5");
        assertThat(c.http().port()).isEqualTo(9000);
        assertThatThrownBy(() -> ConfigReader.read(home, Map.of("KAIROS_MODEL", "gpt4")))
                .isInstanceOf(ConfigError.class).hasMessageStartingWith("KAIROS_MODEL: 'gpt4' is not provider/model");
    }

    @Test
    void activeHoursMayWrapPastMidnight() {
        ActiveHours night = ActiveHours.parse("22:00-06:00");
        assertThat(night.contains(java.time.LocalTime.of(23, 0))).isTrue();
        assertThat(night.contains(java.time.LocalTime.of(5, 59))).isTrue();
        assertThat(night.contains(java.time.LocalTime.of(12, 0))).isFalse();
    }

    @Test
    void pricesOverrideByModelAndSayWhatIsWrong() throws Exception {
        Files.writeString(home.resolve("kairos.yaml"),
                "prices:\n  \"openai/my-tuned\": {input: 1.5, output: 6}\n");
        Config c = ConfigReader.read(home, Map.of());
        assertThat(c.prices().get("openai/my-tuned")).isEqualTo(new Config.Price(1.5, 6, 0, 0));
        assertThat(errorFor("prices:\n  gpt-x:\n    inptu: 2\n").getMessage())
                .contains(":3: prices.gpt-x.inptu: unknown key; did you mean 'input'?");
        assertThat(errorFor("prices:\n  gpt-x:\n    input: cheap\n").getMessage())
                .contains(":3: prices.gpt-x.input: expected a number");
    }
}
