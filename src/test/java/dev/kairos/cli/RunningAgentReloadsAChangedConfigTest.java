package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.KairosProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kairos up` notices a changed kairos.yaml at its next beat: a valid one is reloaded, a broken one is not. */
class RunningAgentReloadsAChangedConfigTest {
    @TempDir Path home;

    @Test
    void theLogNamesEachReloadAndEachRefusal() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_HTTP_PORT", "0");
        assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
        try (KairosProcess up = KairosProcess.start(env, "up", "--every", "200ms")) {
            up.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(60));
            Files.writeString(home.resolve("kairos.yaml"), """
                    policy:
                      rules:
                        - tool: write_file
                          match: "notes/**"
                          decision: deny
                        - tool: run_command
                          match: "make test"
                          decision: allow
                    """);
            up.awaitLine(l -> l.endsWith("kairos.yaml changed: reloaded (policy rules: 2)"), Duration.ofSeconds(30));
            Files.writeString(home.resolve("kairos.yaml"), "policy:\n  rulez: []\n");
            String refused = up.awaitLine(l -> l.contains("keeping the previous configuration"),
                    Duration.ofSeconds(30));
            assertThat(refused).contains("kairos.yaml changed but cannot be used: ").contains("rulez");
            assertThat(up.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }
}
