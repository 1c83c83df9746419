package dev.kairos.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The single-writer lock: one running agent per home. An OS file lock, so a killed process releases it at once;
 * the file holds the owner's pid for the error message.
 */
public final class AgentLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private AgentLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or fails with a message naming the process that holds it. */
    public static AgentLock acquire(Path home) {
        Path file = home.resolve("agent.lock");
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new Held("Kairos is already running on " + home + holder(file)
                        + "; stop it first (Ctrl-C or kill), or use another KAIROS_HOME");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid()).getBytes(StandardCharsets.UTF_8)));
            channel.force(false);
            return new AgentLock(channel, lock);
        } catch (IOException e) {
            String reason = WriteAccess.reason(e);
            boolean access = e instanceof java.nio.file.AccessDeniedException || reason.contains("read-only");
            throw new StoreException("cannot lock " + file + ": " + reason + (access ? ": give this user write access"
                    + " to " + home + ", or set KAIROS_HOME to a folder of your own" : ""), e);
        }
    }

    /** Another process holds the lock: the agent is running on this home. */
    public static final class Held extends StoreException {
        Held(String message) {
            super(message);
        }
    }

    /** Adds the running agent's HTTP port to the lock file ("pid" then "port"), so other commands can reach it. */
    public void publishPort(int port) {
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n" + port + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
        } catch (IOException e) {
            throw new StoreException("cannot write agent.lock: " + e.getMessage(), e);
        }
    }

    /** The HTTP port the running agent published, if any. Never call this in the process holding the lock. */
    public static Optional<Integer> publishedPort(Path home) {
        try {
            List<String> lines = Files.readAllLines(home.resolve("agent.lock"));
            return lines.size() > 1 && lines.get(1).strip().matches("\\d{1,5}")
                    ? Optional.of(Integer.parseInt(lines.get(1).strip())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * True when some process holds the lock on this home (the agent is running). Never call this in the process
     * that holds the lock: POSIX drops a process's lock when it closes any descriptor of the file.
     */
    public static boolean isHeld(Path home) {
        Path file = home.resolve("agent.lock");
        if (!Files.exists(file)) return false;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) return true;
            lock.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file).lines().findFirst().orElse("").trim();
            return pid.isEmpty() ? "" : " (pid " + pid + ")";
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the OS drops the lock with the process anyway
        }
    }
}
