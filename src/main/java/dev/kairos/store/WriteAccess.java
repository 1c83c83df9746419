package dev.kairos.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Optional;

/** Whether this process may write a file and the folder beside it, found by trying (root and ACLs fool a look). */
final class WriteAccess {
    private WriteAccess() {}

    /** Why a file cannot be created in {@code dir} ("permission denied", "read-only file system"), if it cannot. */
    static Optional<String> deniedIn(Path dir) {
        try {
            Files.delete(Files.createTempFile(dir, ".kairos-write-check", ".tmp"));
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
    }

    /** Why {@code file} cannot be opened for writing, if it exists and cannot. */
    static Optional<String> denied(Path file) {
        if (!Files.exists(file)) return Optional.empty();
        try (FileChannel ignored = FileChannel.open(file, StandardOpenOption.WRITE)) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(reason(e));
        }
    }

    /** The operating system's reason, without the path it is about: "permission denied". */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        return String.valueOf(e.getMessage());
    }
}
