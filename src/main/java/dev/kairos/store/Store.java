package dev.kairos.store;

import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The one SQLite file (WAL) behind events, tasks, beats, the ledger and the memory index. */
public final class Store {
    /**
     * The number of migrations in db/migration. Stamped into SQLite's user_version after they ran, so opening an
     * up-to-date file skips Flyway (most of a short command's start-up). A test keeps it equal to the files.
     */
    static final int SCHEMA_VERSION = 18;

    private final Path file;
    private final Jdbi jdbi;

    private Store(Path file, Jdbi jdbi) {
        this.file = file;
        this.jdbi = jdbi;
    }

    /**
     * Opens the database and brings its schema up to date. Only a missing file is created: an empty one is refused, so
     * a file lost in a copy or a restore is not silently replaced by a new database.
     */
    public static Store open(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.isRegularFile(file) && Files.size(file) == 0) {
                throw new StoreException(file + " is empty (0 bytes), so it holds no Kairos state: put the real file "
                        + "back if it was lost in a copy or a restore, or delete it to start afresh");
            }
        } catch (java.io.IOException e) {
            throw new StoreException("cannot create the folder for " + file + ": " + WriteAccess.reason(e), e);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.enforceForeignKeys(true);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        try {
            if (schemaVersion(source) == SCHEMA_VERSION) return new Store(file, Jdbi.create(source));
            Flyway.configure()
                    .dataSource(source)
                    .locations("classpath:db/migration")
                    .loggers("slf4j")
                    .load()
                    .migrate();
            setSchemaVersion(source);
        } catch (RuntimeException e) {
            throw StoreException.explain(file, e).orElseGet(() -> new StoreException("cannot open or migrate " + file
                    + ": " + rootMessage(e) + " (is it a Kairos state.db? move it aside to start fresh)", e));
        }
        return new Store(file, Jdbi.create(source));
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public Path file() {
        return file;
    }

    private static int schemaVersion(SQLiteDataSource source) {
        try (var c = source.getConnection(); var st = c.createStatement(); var rs = st.executeQuery("PRAGMA user_version")) {
            return rs.next() ? rs.getInt(1) : 0;
        } catch (java.sql.SQLException e) {
            return -1; // let Flyway say what is wrong
        }
    }

    private static void setSchemaVersion(SQLiteDataSource source) {
        try (var c = source.getConnection(); var st = c.createStatement()) {
            st.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        } catch (java.sql.SQLException e) {
            throw new StoreException("cannot stamp the schema version: " + e.getMessage(), e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }
}
