package dev.kairos.config;

/** A configuration mistake the user can fix; the message names the file, the line, the key and what is allowed. */
public final class ConfigError extends RuntimeException {
    public ConfigError(String message) {
        super(message);
    }

    public ConfigError(String message, Throwable cause) {
        super(message, cause);
    }
}
