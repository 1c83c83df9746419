package dev.kairos.sense;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** A followed folder or repository, and the command that tests its commits, if any. */
public record Watch(Path path, Optional<String> testCommand) {

    public Watch {
        Objects.requireNonNull(path, "path");
        testCommand = Objects.requireNonNull(testCommand, "testCommand").map(String::strip).filter(c -> !c.isEmpty());
    }

    public static Watch of(Path path) {
        return new Watch(path, Optional.empty());
    }
}
