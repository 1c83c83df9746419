package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** notify: email over SMTP, the Web Push subject and KAIROS_NTFY_URL are read and checked; secrets never printed. */
class NotifySettingsAreCheckedTest {
    @TempDir Path home;

    private NotifySettings read(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(home.resolve("kairos.yaml"), yaml);
        return ConfigReader.read(home, env).notifications();
    }

    @Test
    void emailIsReadWithItsDefaultsAndThePasswordFromTheEnvironment() throws Exception {
        NotifySettings s = read("""
                notify:
                  email:
                    to: me@example.com, phone@example.com
                    host: smtp.example.com
                    user: me@example.com
                """, Map.of("KAIROS_SMTP_PASSWORD", "hunter2"));

        NotifySettings.Email e = s.email().orElseThrow();
        assertThat(e.to()).containsExactly("me@example.com", "phone@example.com");
        assertThat(e.from()).isEqualTo("me@example.com");
        assertThat(e.port()).isEqualTo(587);
        assertThat(e.starttls()).isTrue();
        assertThat(e.password()).contains("hunter2");
        assertThat(s.toString()).doesNotContain("hunter2").contains("password=(set)");
        assertThat(s.pushSubject()).isEqualTo("mailto:me@example.com"); // who sends the mail runs this Kairos
        assertThat(read("timezone: UTC\n", Map.of()).pushSubject()).isEqualTo("mailto:kairos@localhost");
    }

    @Test
    void withoutANotifySectionNothingIsConfigured() throws Exception {
        NotifySettings s = read("timezone: UTC\n", Map.of());
        assertThat(s.email()).isEmpty();
        assertThat(s.ntfyUrl()).isEmpty();
    }

    @Test
    void mistakesSayTheLineAndWhatToWrite() throws Exception {
        assertThatThrownBy(() -> read("notify:\n  email:\n    to: me@example.com\n", Map.of()))
                .hasMessageContaining("notify.email.host").hasMessageContaining("smtp.example.com");
        assertThatThrownBy(() -> read("notify:\n  email:\n    host: smtp.example.com\n    to: me\n", Map.of()))
                .hasMessageContaining(":4: notify.email.to: 'me' is not a mail address");
        assertThatThrownBy(() -> read("notify:\n  webPush:\n    subject: me@example.com\n", Map.of()))
                .hasMessageContaining(":3: notify.webPush.subject").hasMessageContaining("mailto:");
        assertThatThrownBy(() -> read("notify:\n  emial: {}\n", Map.of()))
                .hasMessageContaining("did you mean 'email'?");
        assertThatThrownBy(() -> read("timezone: UTC\n", Map.of("KAIROS_NTFY_URL", "https://ntfy.sh/")))
                .isInstanceOf(ConfigError.class).hasMessageStartingWith("KAIROS_NTFY_URL: ")
                .hasMessageContaining("https://ntfy.sh/my-kairos-topic");
    }

    @Test
    void theNtfyTopicIsTheUrlsLastSegment() throws Exception {
        NotifySettings s = read("timezone: UTC\n", Map.of("KAIROS_NTFY_URL", "https://ntfy.example.com/ntfy/kairos_1",
                "KAIROS_NTFY_TOKEN", "tk_secret"));
        assertThat(NotifySettings.ntfyTopic(s.ntfyUrl().orElseThrow())).isEqualTo("kairos_1");
        assertThat(s.toString()).doesNotContain("tk_secret");
        assertThat(s.email()).isEqualTo(Optional.empty());
        assertThat(List.of(s.ntfyToken().orElseThrow())).containsExactly("tk_secret");
    }
}
