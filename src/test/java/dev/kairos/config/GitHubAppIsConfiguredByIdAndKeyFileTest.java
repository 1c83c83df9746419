package dev.kairos.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `github.app` (or GITHUB_APP_ID and GITHUB_APP_PRIVATE_KEY_FILE) names a GitHub App; half of one is an error. */
class GitHubAppIsConfiguredByIdAndKeyFileTest {
    @TempDir Path home;

    private GitHubSettings read(String yaml, Map<String, String> env) throws Exception {
        Files.writeString(home.resolve("kairos.yaml"), "timezone: UTC\n" + yaml);
        return ConfigReader.read(home, env).github();
    }

    @Test
    void anAppFromKairosYaml() throws Exception {
        GitHubSettings s = read("github:\n  app:\n    id: 123\n    privateKey: /keys/app.pem\n    installation: 45\n",
                Map.of());
        assertThat(s.app()).contains(new GitHubSettings.App(123, Path.of("/keys/app.pem"), Optional.of(45L)));
    }

    @Test
    void theEnvironmentOverridesKairosYaml() throws Exception {
        GitHubSettings s = read("github:\n  app:\n    id: 123\n    privateKey: /keys/app.pem\n",
                Map.of("GITHUB_APP_ID", "999", "GITHUB_APP_PRIVATE_KEY_FILE", "/other/key.pem"));
        assertThat(s.app()).contains(new GitHubSettings.App(999, Path.of("/other/key.pem"), Optional.empty()));
    }

    @Test
    void noAppByDefault() throws Exception {
        assertThat(read("", Map.of()).app()).isEmpty();
    }

    @Test
    void anIdWithoutAKeyIsOneLineSayingWhatIsMissing() {
        assertThatThrownBy(() -> read("", Map.of("GITHUB_APP_ID", "123"))).isInstanceOf(ConfigError.class)
                .hasMessageContaining("github.app.privateKey or GITHUB_APP_PRIVATE_KEY_FILE")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void anIdThatIsNotANumberNamesTheLine() {
        assertThatThrownBy(() -> read("github:\n  app:\n    id: my-app\n    privateKey: k.pem\n", Map.of()))
                .isInstanceOf(ConfigError.class).hasMessageContaining(":4: github.app.id: 'my-app' is not a number");
    }
}
