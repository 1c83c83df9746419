package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A home this user cannot write says "permission denied" and where, not "is it a Kairos state.db?" or "the agent is
 * running". Run as root (who may write anywhere), the command runs without the capability that allows it.
 */
class ReadOnlyHomeSaysPermissionDeniedTest {
    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");

    @TempDir Path home;

    @AfterEach
    void writableAgain() throws IOException {
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwx------")); // so @TempDir can delete it
    }

    @Test
    void statusAndTickSayPermissionDenied() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
        assertThat(CliRun.run(env, InstantSource.system(), "tick").exitCode()).isZero();
        Files.deleteIfExists(home.resolve("agent.lock"));
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("r-xr-xr-x"));

        String status = run(env, "status");
        assertThat(status.strip()).isEqualTo("kairos: cannot open " + home.resolve("state.db") + ": permission denied "
                + "writing in " + home + " (SQLite keeps state.db-wal and state.db-shm beside it): give this user "
                + "write access to it, or set KAIROS_HOME to a folder of your own");
        String tick = run(env, "tick");
        assertThat(tick.strip()).isEqualTo("kairos: cannot lock " + home.resolve("agent.lock") + ": permission denied: "
                + "give this user write access to " + home + ", or set KAIROS_HOME to a folder of your own");
    }

    /** The command's standard error; in this JVM, or as root without the capabilities that override permissions. */
    private String run(Map<String, String> env, String verb) throws Exception {
        if (!Files.isWritable(home)) {
            CliRun run = CliRun.run(env, InstantSource.system(), verb);
            assertThat(run.exitCode()).as(verb).isEqualTo(1);
            return run.err();
        }
        Assumptions.assumeTrue(Files.isExecutable(SETPRIV), "running as root, and without " + SETPRIV + " to drop "
                + "the capability that lets root write anywhere");
        String caps = "-dac_override,-dac_read_search,-fowner";
        List<String> cmd = new ArrayList<>(List.of(SETPRIV.toString(), "--bounding-set=" + caps, "--inh-caps=" + caps,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "dev.kairos.cli.Main", verb));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(verb + " ended").isTrue();
        assertThat(p.exitValue()).as(verb + ": " + err).isEqualTo(1);
        return err;
    }
}
