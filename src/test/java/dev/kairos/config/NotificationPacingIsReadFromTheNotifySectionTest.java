package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify.quietHours, rateLimit and dedupeWindow: defaults, values, and one-line errors that say what to write. */
class NotificationPacingIsReadFromTheNotifySectionTest {
    @TempDir Path home;

    private NotifySettings.Delivery read(String yaml) throws Exception {
        Files.writeString(home.resolve("kairos.yaml"), yaml);
        return ConfigReader.read(home, Map.of()).notifications().delivery();
    }

    @Test
    void defaultsHaveNoQuietHoursAMinuteAndAnHour() throws Exception {
        assertThat(read("timezone: UTC\n")).isEqualTo(NotifySettings.Delivery.DEFAULT);
        assertThat(read("notify:\n  quietHours: \"\"\n").quietHours()).isEmpty();
    }

    @Test
    void valuesAreTaken() throws Exception {
        NotifySettings.Delivery d = read("notify:\n  quietHours: \"22:00-07:00\"\n  rateLimit: 5m\n"
                + "  dedupeWindow: 2h\n");
        assertThat(d.quietHours()).hasValueSatisfying(q -> {
            assertThat(q.contains(LocalTime.of(23, 30))).isTrue();
            assertThat(q.contains(LocalTime.of(7, 0))).isFalse();
        });
        assertThat(d.rateLimit()).isEqualTo(Duration.ofMinutes(5));
        assertThat(d.dedupeWindow()).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void badValuesAreOneLineWithWhatToWrite() {
        assertThatThrownBy(() -> read("notify:\n  quietHours: \"00:00-24:00\"\n")).isInstanceOf(ConfigError.class)
                .hasMessageContaining(":2: notify.quietHours: '00:00-24:00' covers the whole day")
                .hasMessageNotContaining("\n");
        assertThatThrownBy(() -> read("notify:\n  quietHours: tonight\n")).isInstanceOf(ConfigError.class)
                .hasMessageContaining(":2: notify.quietHours: 'tonight' is not a window of hours");
        assertThatThrownBy(() -> read("notify:\n  rateLimt: 1m\n")).isInstanceOf(ConfigError.class)
                .hasMessageContaining("did you mean 'rateLimit'?");
    }
}
