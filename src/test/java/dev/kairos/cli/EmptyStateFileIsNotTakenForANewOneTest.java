package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only a missing state.db means a new one: an empty file (a failed copy, a truncation) is refused, not overwritten. */
class EmptyStateFileIsNotTakenForANewOneTest {
    @TempDir Path home;

    @Test
    void aZeroByteStateDbIsRefusedInOneLineAndLeftAsItWas() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
        Path db = Files.createFile(home.resolve("state.db"));

        for (String verb : new String[] {"status", "tick"}) {
            CliRun run = CliRun.run(env, InstantSource.system(), verb);
            assertThat(run.exitCode()).as(verb).isEqualTo(1);
            assertThat(run.err().strip()).as(verb).isEqualTo("kairos: " + db + " is empty (0 bytes), so it holds no "
                    + "Kairos state: put the real file back if it was lost in a copy or a restore, or delete it to "
                    + "start afresh");
        }
        assertThat(Files.size(db)).isZero();
    }
}
