package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key given twice in kairos.yaml is an error naming both lines, not a silent "the later one wins". */
class ConfigKeyGivenTwiceIsAnErrorTest {
    @TempDir Path home;

    private Path write(String yaml) throws Exception {
        return Files.writeString(home.resolve("kairos.yaml"), yaml);
    }

    @Test
    void aKeyGivenTwiceInASectionNamesBothLines() throws Exception {
        Path file = write("""
                timezone: UTC
                heartbeat:
                  every: 5m
                  jitter: 3s
                http:
                  port: 7411
                heartbeat:
                  every: 1m
                """);
        // the section itself is given twice first (line 7), before its key
        assertThatThrownBy(() -> ConfigReader.read(home, Map.of())).isInstanceOf(ConfigError.class)
                .hasMessage(file + ":7: heartbeat: given twice (first at line 2); keep one");

        write("""
                timezone: UTC
                heartbeat:
                  every: 5m
                  jitter: 3s

                  # later, someone adds
                  every: 1m
                """);
        assertThatThrownBy(() -> ConfigReader.read(home, Map.of())).isInstanceOf(ConfigError.class)
                .hasMessage(file + ":7: heartbeat.every: given twice (first at line 3); keep one");
    }

    @Test
    void aKeyGivenTwiceInAListEntryIsAnErrorButTheSameKeysInTwoEntriesAreNot() throws Exception {
        Path file = write("""
                watch:
                  - path: /tmp/a
                    test: make test
                  - path: /tmp/b
                    test: make check
                    path: /tmp/c
                """);
        assertThatThrownBy(() -> ConfigReader.read(home, Map.of())).isInstanceOf(ConfigError.class)
                .hasMessage(file + ":6: watch.1.path: given twice (first at line 4); keep one");

        write("""
                watch:
                  - path: /tmp/a
                    test: make test
                  - path: /tmp/b
                    test: make check
                """);
        assertThatCode(() -> ConfigReader.read(home, Map.of())).doesNotThrowAnyException();
        assertThat(ConfigReader.read(home, Map.of()).watch()).hasSize(2);
    }
}
