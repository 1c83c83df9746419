package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.KairosProcess;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 8 KB of garbage over the pages of the pending-events index in state.db: every verb says in one line that the file
 * is damaged and how to recover it, and a running agent stops with that line instead of logging a trace every beat.
 */
class DamagedDatabaseIsOneLineTest {
    @TempDir Path home;
    private Map<String, String> env;
    private Path db;

    @BeforeEach
    void damage() throws Exception {
        env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_HTTP_PORT", "0");
        assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
        assertThat(CliRun.run(env, InstantSource.system(), "tick").exitCode()).isZero();
        db = home.resolve("state.db");
        long offset;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
            st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            offset = (long) (value(st, "SELECT rootpage FROM sqlite_master WHERE name = 'events_pending'") - 1)
                    * value(st, "PRAGMA page_size");
        }
        byte[] garbage = new byte[8192];
        new Random(13).nextBytes(garbage);
        try (RandomAccessFile file = new RandomAccessFile(db.toFile(), "rw")) {
            file.seek(offset);
            file.write(garbage);
        }
    }

    @Test
    void statusAndTickSayTheFileIsDamagedAndWhatToDo() {
        for (String verb : new String[] {"status", "tick"}) {
            CliRun run = CliRun.run(env, InstantSource.system(), verb);
            assertThat(run.exitCode()).as(verb).isEqualTo(1);
            assertThat(run.out()).as(verb).isEmpty();
            assertOneDamageLine(run.err());
        }
    }

    @Test
    void theRunningAgentStopsWithOneLineInsteadOfATraceEveryBeat() throws Exception {
        try (KairosProcess up = KairosProcess.start(env, "up", "--every", "100ms")) {
            assertThat(up.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
            assertThat(up.output()).noneMatch(l -> l.contains("\tat ") || l.contains("Exception"))
                    .filteredOn(l -> l.contains("damaged")).hasSize(1);
            assertOneDamageLine(up.output().getLast() + "\n");
        }
        assertThat(Files.readString(home.resolve("logs/kairos.log")))
                .as("the log file keeps why it stopped, with the trace, once").containsOnlyOnce("kairos stopped: ")
                .contains("[SQLITE_CORRUPT]").contains("\tat org.jdbi");
    }

    private void assertOneDamageLine(String err) {
        assertThat(err).endsWith("\n");
        assertThat(err.strip()).isEqualTo("kairos: " + db + " is damaged (SQLITE_CORRUPT: database disk image is "
                + "malformed): stop Kairos, then recover it with 'sqlite3 " + db + " \".recover\" | sqlite3 "
                + home.resolve("recovered.db") + "' and move recovered.db in its place, or move state.db aside to "
                + "start afresh");
    }

    private static int value(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            return rs.getInt(1);
        }
    }
}
