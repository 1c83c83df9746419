package dev.kairos.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A program to run: its argument vector, the folder it runs in, environment variables beyond the scrubbed
 * inherited ones, how long it may take (then it is killed with everything it started) and how many bytes of its
 * output (stdout and stderr together) are kept, half from the start and half from the end.
 */
public record Command(List<String> argv, Path dir, Map<String, String> env, Duration timeout, int outputCap) {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);
    public static final int DEFAULT_OUTPUT_CAP = 128 * 1024;

    public Command {
        argv = List.copyOf(argv);
        env = Map.copyOf(env);
        if (argv.isEmpty() || argv.getFirst().isBlank()) throw new IllegalArgumentException("no program to run");
        if (dir == null) throw new IllegalArgumentException("no folder to run " + argv.getFirst() + " in");
        if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive");
        if (outputCap < 2) throw new IllegalArgumentException("outputCap must be at least 2 bytes");
    }

    /** {@code argv} in {@code dir}, with the default time-out and output cap. */
    public static Command in(Path dir, List<String> argv) {
        return new Command(argv, dir, Map.of(), DEFAULT_TIMEOUT, DEFAULT_OUTPUT_CAP);
    }

    public static Command in(Path dir, String... argv) {
        return in(dir, List.of(argv));
    }

    public Command withEnv(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(env);
        more.put(name, value);
        return new Command(argv, dir, more, timeout, outputCap);
    }

    public Command withTimeout(Duration value) {
        return new Command(argv, dir, env, value, outputCap);
    }

    public Command withOutputCap(int bytes) {
        return new Command(argv, dir, env, timeout, bytes);
    }

    /** The program's name, for messages. */
    String program() {
        return Path.of(argv.getFirst()).getFileName().toString();
    }
}
