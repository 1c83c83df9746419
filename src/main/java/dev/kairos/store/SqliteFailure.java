package dev.kairos.store;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** What a failed SQLite call says about the file: damaged, not writable here, or something else. */
record SqliteFailure(SQLiteErrorCode code, String detail) {
    enum Kind { DAMAGED, NOT_WRITABLE, OTHER }

    /** "[SQLITE_CORRUPT] The database disk image is malformed (database disk image is malformed)": the last part. */
    private static final Pattern DETAIL = Pattern.compile("\\(([^()]*)\\)\\s*$");

    /** The first SQLite failure among {@code t} and its causes. */
    static Optional<SqliteFailure> in(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof SQLiteException e) {
                Matcher m = DETAIL.matcher(String.valueOf(e.getMessage()));
                String detail = m.find() ? m.group(1) : e.getResultCode().message;
                return Optional.of(new SqliteFailure(e.getResultCode(), detail));
            }
        }
        return Optional.empty();
    }

    Kind kind() {
        return switch (code.code & 0xff) { // the primary result code, without the extended bits
            case 11, 26 -> Kind.DAMAGED; // SQLITE_CORRUPT, SQLITE_NOTADB
            case 3, 8, 14, 23 -> Kind.NOT_WRITABLE; // SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH
            default -> Kind.OTHER;
        };
    }

    /** "SQLITE_CORRUPT: database disk image is malformed". */
    String summary() {
        return code.name() + ": " + detail;
    }
}
