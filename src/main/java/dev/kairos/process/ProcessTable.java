package dev.kairos.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The host's processes as Linux's /proc shows them, for what {@link ProcessHandle} does not say: the session a
 * process belongs to. Elsewhere (no /proc) it knows nothing and callers fall back to process handles.
 */
final class ProcessTable {
    private static final Path PROC = Path.of("/proc");

    private ProcessTable() {}

    static boolean available() {
        return Files.isReadable(PROC.resolve("self/stat"));
    }

    /** The live processes (not zombies) whose session id is {@code sid}. */
    static List<Long> session(long sid) {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (name.isEmpty() || !Character.isDigit(name.charAt(0))) continue;
                long pid;
                try {
                    pid = Long.parseLong(name);
                } catch (NumberFormatException e) {
                    continue;
                }
                stat(pid).filter(s -> s.session() == sid && s.state() != 'Z').ifPresent(s -> found.add(pid));
            }
        } catch (IOException e) {
            // /proc unreadable: nothing found
        }
        return found;
    }

    /** The fields of /proc/PID/stat that matter here; empty once the process is gone. */
    record Stat(char state, long session) {}

    static Optional<Stat> stat(long pid) {
        try {
            String text = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"));
            // "pid (comm) state ppid pgrp session ...": comm may hold spaces and parentheses, so parse after the last ')'
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            return Optional.of(new Stat(fields[0].charAt(0), Long.parseLong(fields[3])));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code pid}'s environment holds the entry {@code entry} ("NAME=value"); false when unreadable. */
    static boolean environmentHas(long pid, String entry) {
        try {
            byte[] environ = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
            for (String e : new String(environ, java.nio.charset.StandardCharsets.UTF_8).split("\0")) {
                if (e.equals(entry)) return true;
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** When {@code pid} started, in epoch milliseconds; empty when it is gone or the system does not say. */
    static Optional<Long> started(long pid) {
        return ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(java.time.Instant::toEpochMilli);
    }

    /** Whether {@code pid} runs: exists and, where /proc says, is not a zombie waiting to be reaped. */
    static boolean running(long pid) {
        if (!available()) return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        return stat(pid).map(s -> s.state() != 'Z').orElse(false);
    }

    /** Whether {@code pid} is the process that started at {@code startedMillis}, not a later one with its id. */
    static boolean isSame(long pid, long startedMillis) {
        return started(pid).filter(s -> s == startedMillis).isPresent();
    }
}
