package dev.kairos.testkit;

import dev.kairos.process.ProcessRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A real process runner for tests, recording its running processes in a fresh temporary folder. */
public final class Processes {
    private Processes() {}

    public static ProcessRunner runner() {
        try {
            Path records = Files.createTempDirectory("kairos-processes");
            records.toFile().deleteOnExit(); // empty once every run has ended
            return new ProcessRunner(records, System.getenv());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
