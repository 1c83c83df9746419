package dev.kairos.process;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Ties a command's whole process tree to the agent's life. The command runs in a session of its own
 * ({@code setsid}), under a small shell whose standard input is a pipe that only the agent holds open. When the
 * agent dies, however it dies ({@code kill -9} included), the pipe reaches end-of-file and the shell kills its
 * process group: the command and everything it started that stayed in the group. The command itself reads
 * nothing ({@code /dev/null}). Without {@code setsid} (not Linux) there is no tether: the runner falls back to
 * killing descendants and to the records of {@link ChildRecords}.
 */
final class Tether {
    /**
     * POSIX sh: fd 3 is the agent's pipe. The first line on it says the agent has recorded the process (if the agent
     * dies first, nothing runs); a watcher then waits for the pipe's end and kills the group.
     */
    static final String SCRIPT = """
            exec 3<&0 </dev/null
            read -r _ <&3 || exit 125
            { read -r _ <&3; kill -s KILL 0; } &
            w=$!
            exec 3<&-
            "$@" &
            c=$!
            wait "$c"
            s=$?
            kill "$w" 2>/dev/null
            exit "$s"
            """;

    private final Optional<Path> setsid;

    private Tether(Optional<Path> setsid) {
        this.setsid = setsid;
    }

    /** With {@code setsid} from the PATH of {@code env}, if there is one. */
    static Tether find(Map<String, String> env) {
        if (!Files.isExecutable(Path.of("/bin/sh"))) return new Tether(Optional.empty());
        return new Tether(onPath("setsid", env));
    }

    boolean holds() {
        return setsid.isPresent();
    }

    /** Lets a tethered process start its command, once it is recorded. */
    void release(Process process) {
        if (setsid.isEmpty()) return;
        try {
            process.getOutputStream().write('\n');
            process.getOutputStream().flush();
        } catch (java.io.IOException e) {
            // it has ended already
        }
    }

    List<String> wrap(List<String> argv) {
        if (setsid.isEmpty()) return argv;
        List<String> wrapped = new ArrayList<>(List.of(setsid.get().toString(), "/bin/sh", "-c", SCRIPT, "kairos"));
        wrapped.addAll(argv);
        return wrapped;
    }

    /** Where {@code program} is found (a path is taken as it is), or empty. */
    static Optional<Path> onPath(String program, Map<String, String> env) {
        if (program.contains("/")) return Optional.of(Path.of(program)).filter(Files::isExecutable);
        String path = env.get("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p) && !Files.isDirectory(p)) return Optional.of(p);
        }
        return Optional.empty();
    }
}
