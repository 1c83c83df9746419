package dev.kairos.store;

import java.nio.file.Path;
import java.util.Optional;

/** The state database cannot be opened, migrated, locked or trusted; the message says what to do. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * True when {@code t} or one of its causes is SQLite saying the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB):
     * retrying cannot help, a person has to recover or replace the file.
     */
    public static boolean isDamage(Throwable t) {
        return SqliteFailure.in(t).filter(f -> f.kind() == SqliteFailure.Kind.DAMAGED).isPresent();
    }

    /**
     * The one line for a failure of the state file {@code file} that a user must act on (it is damaged, or this user
     * cannot write it), found anywhere among {@code t}'s causes; empty for any other failure.
     */
    public static Optional<StoreException> explain(Path file, Throwable t) {
        return SqliteFailure.in(t).flatMap(f -> switch (f.kind()) {
            case DAMAGED -> Optional.of(damaged(file, f, t));
            case NOT_WRITABLE -> Optional.of(notWritable(file, f, t));
            case OTHER -> Optional.empty();
        });
    }

    private static StoreException damaged(Path file, SqliteFailure f, Throwable cause) {
        Path recovered = file.resolveSibling("recovered.db");
        return new StoreException(file + " is damaged (" + f.summary() + "): stop Kairos, then recover it with "
                + "'sqlite3 " + file + " \".recover\" | sqlite3 " + recovered + "' and move " + recovered.getFileName()
                + " in its place, or move " + file.getFileName() + " aside to start afresh", cause);
    }

    private static StoreException notWritable(Path file, SqliteFailure f, Throwable cause) {
        Path dir = file.toAbsolutePath().getParent();
        String todo = ": give this user write access to it, or set KAIROS_HOME to a folder of your own";
        Optional<String> inDir = WriteAccess.deniedIn(dir);
        if (inDir.isPresent()) {
            return new StoreException("cannot open " + file + ": " + inDir.get() + " writing in " + dir
                    + " (SQLite keeps " + file.getFileName() + "-wal and " + file.getFileName() + "-shm beside it)"
                    + todo, cause);
        }
        Optional<String> onFile = WriteAccess.denied(file);
        return new StoreException("cannot open " + file + ": " + onFile.map(r -> r + " writing it").orElse(f.summary())
                + todo, cause);
    }
}
