package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** kairos.yaml saved in another encoding says "not UTF-8" and on which line, not a decoder's "Input length = 1". */
class ConfigThatIsNotUtf8SaysWhereTest {
    @TempDir Path home;

    @Test
    void aLatin1ByteIsReportedWithItsLine() throws Exception {
        Path file = home.resolve("kairos.yaml");
        Files.write(file, "timezone: UTC\nheartbeat:\n  every: 5m\n# caf\u00e9 opens at nine\nhttp:\n  port: 7411\n"
                .getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> ConfigReader.read(home, Map.of())).isInstanceOf(ConfigError.class)
                .hasMessage(file + ":4: not UTF-8 (a byte that is not valid UTF-8, as in a file saved as Latin-1 or "
                        + "Windows-1252); save the file as UTF-8");
    }
}
