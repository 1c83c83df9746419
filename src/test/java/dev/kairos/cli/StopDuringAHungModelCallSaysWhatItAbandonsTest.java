package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.KairosProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM while a task's model call hangs: `up` does not wait for the answer (it may take the whole model time-out);
 * it stops and says in one line what it abandoned: the task, the model and how long the call had been waiting.
 */
class StopDuringAHungModelCallSaysWhatItAbandonsTest {
    private static final String MODEL = "anthropic/claude-sonnet-4-5";

    @TempDir Path home;

    @Test
    void sigtermDuringAHungCallLogsTheTaskTheModelAndHowLong() throws Exception {
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
            Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_HTTP_PORT", "0",
                    "KAIROS_MODEL", MODEL, "ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "k");
            assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, InstantSource.system())) {
                k.inbox().add(Event.observed("mail", "message.received", "m1", InstantSource.system().instant(),
                        Trust.TRUSTED, "mail from the user: summarise the report", "{}"));
            }

            try (KairosProcess up = KairosProcess.start(env, "up", "--every", "1s")) {
                Await.until(Duration.ofSeconds(60), "the task's model call", () -> server.requestCount() > 0);

                up.terminate(Duration.ofSeconds(20));

                assertThat(up.output()).as(String.join("\n", up.output())).filteredOn(l -> l.contains("abandoned"))
                        .singleElement().asString().contains("task=1").contains("model=" + MODEL)
                        .containsPattern("waiting \\d+ s").contains("runs again at the next start");
            }
        } finally {
            release.countDown();
        }
    }
}
