package dev.kairos.process;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process trees a runner has running, one small file each, so that the next start can kill what an agent
 * killed with {@code kill -9} left behind. A record names its owner (pid and start time): another live Kairos
 * process's children are never touched, and a reused pid is told apart by its start time.
 */
final class ChildRecords {
    private static final Logger log = LoggerFactory.getLogger(ChildRecords.class);

    private final Path dir;
    private final long owner = ProcessHandle.current().pid();
    private final Optional<Long> ownerStarted = ProcessTable.started(owner);
    private boolean warned;

    /** The variable that marks every child of a runner with its owner, so leftovers can be told from strangers. */
    static final String MARK = "KAIROS_RUN_BY";

    ChildRecords(Path dir) {
        this.dir = dir;
    }

    void add(ProcessTree tree) {
        String text = "started=" + tree.started().map(String::valueOf).orElse("") + "\nsession=" + tree.ownSession()
                + "\nowner=" + owner + "\nownerStarted=" + ownerStarted.map(String::valueOf).orElse("") + "\n";
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(tree.pid() + ".new");
            Files.writeString(tmp, text);
            Files.move(tmp, file(tree), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            warnOnce(e);
        }
    }

    void remove(ProcessTree tree) {
        try {
            Files.deleteIfExists(file(tree));
        } catch (IOException e) {
            warnOnce(e);
        }
    }

    /** Kills the trees recorded by owners that are gone and forgets them; returns how many processes it killed. */
    int killLeftovers() {
        if (!Files.isDirectory(dir)) return 0;
        int killed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "[0-9]*")) {
            for (Path f : files) {
                if (f.getFileName().toString().endsWith(".new")) continue;
                killed += killIfOrphaned(f);
            }
        } catch (IOException e) {
            warnOnce(e);
        }
        return killed;
    }

    private int killIfOrphaned(Path f) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try {
            for (String line : Files.readAllLines(f)) {
                int eq = line.indexOf('=');
                if (eq > 0) fields.put(line.substring(0, eq), line.substring(eq + 1));
            }
            long ownerPid = Long.parseLong(fields.getOrDefault("owner", ""));
            Optional<Long> ownerStart = number(fields.get("ownerStarted"));
            boolean ownerRuns = ownerStart.isPresent() ? ProcessTable.isSame(ownerPid, ownerStart.get())
                    && ProcessTable.running(ownerPid) : ProcessTable.running(ownerPid);
            if (ownerRuns) return 0; // a live Kairos process: its children are its own business
            long pid = Long.parseLong(f.getFileName().toString());
            int killed = ProcessTree.killLeftover(pid, number(fields.get("started")),
                    Boolean.parseBoolean(fields.get("session")), MARK + "=" + tag(ownerPid, ownerStart));
            if (killed > 0) {
                log.warn("killed {} process(es) left running by a Kairos process that stopped without cleaning up "
                        + "(pid {}, owner {})", killed, pid, ownerPid);
            }
            Files.deleteIfExists(f);
            return killed;
        } catch (NumberFormatException e) {
            Files.deleteIfExists(f); // unreadable: nothing it names can be told apart from a stranger's process
            return 0;
        }
    }

    /** The value of {@link #MARK} in this runner's children. */
    String mark() {
        return tag(owner, ownerStarted);
    }

    private static String tag(long pid, Optional<Long> started) {
        return pid + "@" + started.map(String::valueOf).orElse("");
    }

    private static Optional<Long> number(String text) {
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(Long.parseLong(text));
    }

    private Path file(ProcessTree tree) {
        return dir.resolve(Long.toString(tree.pid()));
    }

    private synchronized void warnOnce(IOException e) {
        if (warned) return;
        warned = true;
        log.warn("cannot keep the record of running processes in {}: {}; processes left by a crash are not killed "
                + "at the next start", dir, e.toString());
    }
}
