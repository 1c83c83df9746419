package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.ConfigReader;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that never answers fails the call after `model.timeout` from kairos.yaml (commented in the file `init`
 * writes, 2m by default), and the one-line error names that key, so the advice can be followed.
 */
class ModelTimeoutIsAKairosYamlKeyTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void theWrittenConfigHasTheKeyWithItsDefault() {
        assertThat(CliRun.run(Map.of("KAIROS_HOME", home.toString()), clock, "init").exitCode()).isZero();

        assertThat(home.resolve("kairos.yaml")).content().containsPattern("\n  # [^\n]*\n  timeout: 2m\n");
        assertThat(ConfigReader.read(home, Map.of()).models().timeout()).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void aSilentModelFailsAfterTheConfiguredTimeoutAndTheErrorNamesTheKey() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (FakeModelServer server = FakeModelServer.start()) {
            server.respondWith(request -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
            Map<String, String> env = ScriptedModelHome.at(home, server)
                    .init(clock).config("timezone: UTC\nmodel:\n  timeout: 1s\n").env();

            CliRun chat = CliRun.run(env, clock, "chat", "hello?");

            assertThat(chat.exitCode()).as(chat.err()).isEqualTo(1);
            assertThat(chat.err().strip()).startsWith("kairos: ").doesNotContain("\n")
                    .contains("did not answer within 1 s").contains("raise model.timeout in kairos.yaml");
        } finally {
            release.countDown();
        }
    }
}
