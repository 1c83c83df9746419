package dev.kairos.process;

import java.nio.file.Path;
import java.time.Duration;

/** A stand-in for the agent in its own JVM: runs one bash script through a runner, recording in args[0]. */
final class RunnerChild {
    private RunnerChild() {}

    public static void main(String[] args) {
        ProcessRunner runner = new ProcessRunner(Path.of(args[0]), System.getenv());
        System.out.println("running");
        runner.run(Command.in(Path.of(args[1]), "bash", "-c", args[2]).withTimeout(Duration.ofMinutes(10)));
    }
}
