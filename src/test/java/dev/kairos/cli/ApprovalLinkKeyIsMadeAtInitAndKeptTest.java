package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.notify.ApprovalLinks;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kairos init` makes the approval links' key, readable by the owner only, never overwrites it and never prints it. */
class ApprovalLinkKeyIsMadeAtInitAndKeptTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void initMakesTheKeyOnceAndKeepsIt() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        CliRun first = CliRun.run(env, clock, "init");
        assertThat(first.exitCode()).isZero();
        Path key = ApprovalLinks.keyFile(home);
        String made = Files.readString(key).strip();
        assertThat(Base64.getDecoder().decode(made)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        assertThat(first.out()).contains("keys/approval-links.key").doesNotContain(made);

        CliRun again = CliRun.run(env, clock, "init");
        assertThat(again.exitCode()).isZero();
        assertThat(Files.readString(key).strip()).as("never overwritten").isEqualTo(made);
        assertThat(again.out()).doesNotContain(made);
    }
}
