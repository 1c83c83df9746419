package dev.kairos.dream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;
import java.util.function.LongPredicate;

/**
 * Never two dreams at once: a file under KAIROS_HOME created atomically, holding the owner's pid, when it started
 * and, once the dream starts writing, the commit memory/ stood at. A lock whose owner is dead is taken over; when
 * that owner died mid-write, {@link Held#crashedAt()} says which commit to put memory back to.
 */
final class DreamLock {
    private final Path file;
    private final long pid;
    private final LongPredicate alive;

    /** @param alive whether a process id is running (ProcessHandle in production) */
    DreamLock(Path file, long pid, LongPredicate alive) {
        this.file = file;
        this.pid = pid;
        this.alive = alive;
    }

    static DreamLock of(Path file) {
        return new DreamLock(file, ProcessHandle.current().pid(),
                p -> ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false));
    }

    /** The lock, or empty with the current owner's description when a live process holds it. */
    Acquired acquire(Instant now) {
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                Files.createDirectories(file.getParent());
                Files.writeString(file, "pid=" + pid + "\nstarted=" + now + "\n", StandardCharsets.UTF_8,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                return new Acquired(Optional.of(new Held(null)), null);
            } catch (FileAlreadyExistsException e) {
                Properties owner = read();
                if (owner == null) continue; // released meanwhile: try again
                long other = parsePid(owner.getProperty("pid"));
                if (other > 0 && alive.test(other)) {
                    return new Acquired(Optional.empty(), "a dream is running (pid " + other + ", since "
                            + owner.getProperty("started", "?") + "); lock file " + file);
                }
                // Dead owner: move its lock aside atomically, so of two takers only one wins; then try again.
                Path stale = file.resolveSibling(file.getFileName() + ".stale-" + pid);
                try {
                    Files.move(file, stale, StandardCopyOption.ATOMIC_MOVE);
                    Files.deleteIfExists(stale);
                    String base = owner.getProperty("base");
                    Acquired next = acquire(now);
                    return next.held().isPresent() && base != null
                            ? new Acquired(Optional.of(new Held(base)), null) : next;
                } catch (NoSuchFileException gone) {
                    // another process took it over first: try again
                } catch (IOException io) {
                    throw new UncheckedIOException("cannot take over the stale dream lock " + file, io);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the dream lock " + file + ": " + e.getMessage(), e);
            }
        }
        return new Acquired(Optional.empty(), "the dream lock " + file + " keeps changing hands; try again");
    }

    /** Notes the commit memory/ stands at before the first write, for recovery after a crash. */
    void writing(String baseCommit, Instant started) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-" + pid);
            Files.writeString(tmp, "pid=" + pid + "\nstarted=" + started + "\nbase=" + baseCommit + "\n");
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot update the dream lock " + file + ": " + e.getMessage(), e);
        }
    }

    void release() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the dream lock " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@code crashedAt}: the commit a dead owner was writing over, or null. */
    record Held(String crashedAt) {}

    record Acquired(Optional<Held> held, String busy) {}

    private Properties read() {
        try {
            Properties p = new Properties();
            p.load(new java.io.StringReader(Files.readString(file)));
            return p;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dream lock " + file + ": " + e.getMessage(), e);
        }
    }

    private static long parsePid(String s) {
        try {
            return s == null ? -1 : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
