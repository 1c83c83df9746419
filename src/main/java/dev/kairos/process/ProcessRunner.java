package dev.kairos.process;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Starts every process Kairos runs, one way: the environment scrubbed by one rule (see {@link ChildEnvironment}),
 * no standard input, output drained while the process runs and clipped, a time-out that kills the whole process
 * tree, and process trees that die with the agent (see {@link Tether}). Each running tree is recorded under
 * {@code recordsDir}; {@link #killLeftovers()} at start kills what a killed agent left behind, and
 * {@link #shutdown()} kills what runs at a clean stop. Thread-safe: runs may overlap.
 */
public final class ProcessRunner {
    /** How long to wait for output still in the pipe once a process has ended or was killed. */
    private static final Duration GRACE = Duration.ofSeconds(2);

    private final Map<String, String> parentEnv;
    private final Tether tether;
    private final ChildRecords records;
    private final Set<ProcessTree> live = ConcurrentHashMap.newKeySet();
    private volatile boolean stopping;

    /**
     * @param recordsDir where running process trees are recorded, e.g. {@code KAIROS_HOME/processes}
     * @param parentEnv the environment children inherit from, scrubbed (in production {@code System.getenv()})
     */
    public ProcessRunner(Path recordsDir, Map<String, String> parentEnv) {
        this.parentEnv = Map.copyOf(parentEnv);
        this.tether = Tether.find(parentEnv);
        this.records = new ChildRecords(recordsDir);
    }

    /** Runs {@code command} to its end, its time-out or an interrupt. Never throws. */
    public Result run(Command command) {
        if (stopping) return Result.notStarted("not started: kairos is stopping");
        Map<String, String> env = new java.util.TreeMap<>(ChildEnvironment.of(parentEnv, command.env()));
        env.put(ChildRecords.MARK, records.mark());
        String program = command.argv().getFirst();
        boolean found = program.contains("/") ? Files.isExecutable(command.dir().resolve(program))
                : Tether.onPath(program, env).isPresent();
        if (!found) return Result.notStarted("cannot run " + program + ": not found" + (program.contains("/") ? ""
                : " on the PATH"));
        if (!Files.isDirectory(command.dir())) {
            return Result.notStarted("cannot run " + command.program() + ": no folder " + command.dir());
        }
        ProcessBuilder builder = new ProcessBuilder(tether.wrap(command.argv())).directory(command.dir().toFile())
                .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(env);
        if (!tether.holds()) builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        long startedAt = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            return Result.notStarted("cannot run " + command.program() + ": " + e.getMessage());
        }
        ProcessTree tree = new ProcessTree(process, tether.holds());
        live.add(tree);
        records.add(tree);
        tether.release(process);
        try {
            return await(command, process, tree, startedAt);
        } finally {
            live.remove(tree);
            records.remove(tree);
            closeQuietly(process.getOutputStream()); // the tether's pipe: whatever the group still holds dies
        }
    }

    private Result await(Command command, Process process, ProcessTree tree, long startedAt) {
        OutputClip output = new OutputClip(command.outputCap());
        Thread reader = Thread.ofPlatform().daemon().name("kairos-process-output")
                .start(() -> output.drain(process.getInputStream()));
        Result.Ending ending = Result.Ending.EXITED;
        try {
            if (!process.waitFor(command.timeout().toNanos(), TimeUnit.NANOSECONDS)) {
                ending = Result.Ending.TIMED_OUT;
                tree.kill();
            } else {
                tree.killStragglers(); // what it left in the background ends with it
            }
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            reader.join(GRACE); // a process that left the session may still hold the pipe: don't wait for it
        } catch (InterruptedException e) {
            ending = Result.Ending.INTERRUPTED;
            tree.kill();
            Thread.currentThread().interrupt();
        }
        int exit = process.isAlive() ? -1 : process.exitValue();
        return new Result(ending, exit, output.output(), Duration.ofNanos(System.nanoTime() - startedAt));
    }

    /**
     * Kills the process trees that runners of Kairos processes no longer running left behind (an agent killed
     * with {@code kill -9}, a crash); returns how many processes it killed. Call once at start.
     */
    public int killLeftovers() {
        return records.killLeftovers();
    }

    /** Kills every process tree this runner has running, and refuses new runs: for a clean stop. */
    public void shutdown() {
        stopping = true;
        List.copyOf(live).forEach(ProcessTree::kill);
    }

    private static void closeQuietly(OutputStream out) {
        try {
            out.close();
        } catch (IOException e) {
            // already closed with the process
        }
    }
}
