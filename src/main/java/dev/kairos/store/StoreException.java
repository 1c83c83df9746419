package dev.kairos.store;

/** The state database cannot be opened, migrated or locked; the message says what to do. */
public final class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
