package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kairos init` makes the VAPID keys in keys/, readable by the owner only, never prints them, never replaces them. */
class InitMakesWebPushKeysOnceTest {
    @TempDir Path tmp;

    @Test
    void theKeysAreMadeOnceOwnerOnlyAndNeverPrinted() throws Exception {
        Path home = tmp.resolve("home");
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        SettableClock clock = SettableClock.at("2026-11-26T09:00:00Z");

        CliRun first = CliRun.run(env, clock, "init");

        Path keys = home.resolve("keys").resolve("webpush-vapid.txt");
        assertThat(first.out()).contains("keys/webpush-vapid.txt");
        String text = Files.readString(keys);
        assertThat(text.lines().toList()).hasSize(2);
        for (String line : text.lines().toList()) {
            assertThat(first.out()).doesNotContain(line);
            assertThat(first.err()).doesNotContain(line);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.getParent()))).isEqualTo("rwx------");

        CliRun again = CliRun.run(env, clock, "init");

        assertThat(again.out()).contains("nothing to create");
        assertThat(Files.readString(keys)).isEqualTo(text);
    }
}
