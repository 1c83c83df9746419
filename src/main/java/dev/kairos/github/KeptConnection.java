package dev.kairos.github;

import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * One SQLite connection, opened at first use and kept, for work done at every webhook delivery. Opening a
 * connection costs more than a delivery's whole work, and closing the last one open checkpoints the WAL (tens of
 * milliseconds on a busy disk). One caller at a time; a connection that failed is closed and the next use opens
 * another.
 */
final class KeptConnection implements AutoCloseable {
    private final Jdbi jdbi;
    private Handle handle; // guarded by this

    KeptConnection(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    synchronized <T> T with(Function<Handle, T> work) {
        if (handle == null) handle = jdbi.open();
        try {
            return work.apply(handle);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public synchronized void close() {
        if (handle != null) handle.close();
        handle = null;
    }
}
