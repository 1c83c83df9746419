package dev.kairos.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening an up-to-date file skips Flyway, so the stamped version must count every migration there is. */
class SchemaVersionMatchesMigrationsTest {
    @TempDir Path dir;

    @Test
    void theStampCountsEveryMigration() throws Exception {
        try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
            assertThat(files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count())
                    .isEqualTo(Store.SCHEMA_VERSION);
        }
    }

    @Test
    void aReopenedFileHasItsTablesAndStamp() {
        Store.open(dir.resolve("state.db"));
        Store again = Store.open(dir.resolve("state.db"));
        int stamp = again.jdbi().withHandle(h -> h.createQuery("PRAGMA user_version").mapTo(Integer.class).one());
        int events = again.jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events").mapTo(Integer.class)
                .one());
        assertThat(stamp).isEqualTo(Store.SCHEMA_VERSION);
        assertThat(events).isZero();
    }
}
