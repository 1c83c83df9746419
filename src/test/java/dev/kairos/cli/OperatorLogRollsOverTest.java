package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.core.util.FileSize;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The operator logs roll over by size and keep a bounded number of archives: a long-running agent's log stays bounded. */
class OperatorLogRollsOverTest {
    // a library's logger: to the file only, not to the console of the test run
    private static final Logger LIBRARY = LoggerFactory.getLogger("org.example.library");
    private static final String FILLER = "x".repeat(200);

    @TempDir Path logs;

    @AfterEach
    void reset() {
        OperatorLog.reset();
    }

    @Test
    void theAgentsLogRollsOverBySizeAndKeepsTwoArchives() throws IOException {
        OperatorLog.forDaemon(logs, new OperatorLog.Rolling(FileSize.valueOf("10KB"), 2));
        for (int i = 0; i < 1000; i++) LIBRARY.warn("line {} {}", i, FILLER); // about 230 KB

        OperatorLog.reset();

        assertThat(names()).containsExactlyInAnyOrder("kairos.log", "kairos.1.log.gz", "kairos.2.log.gz");
        assertThat(Files.size(logs.resolve("kairos.log"))).isLessThanOrEqualTo(10 * 1024 + 300);
        List<String> current = Files.readAllLines(logs.resolve("kairos.log"));
        assertThat(current.getLast()).contains("WARN").contains("line 999 ");
    }

    @Test
    void aCommandWritesItsWarningsToTheCommandsLogAndNoFileWhenItHasNone() throws IOException {
        OperatorLog.forCommand(logs);
        LoggerFactory.getLogger("dev.kairos.example").info("not written: a command logs warnings only");
        OperatorLog.reset();
        assertThat(names()).isEmpty();

        OperatorLog.forCommand(logs);
        LoggerFactory.getLogger("dev.kairos.example").warn("sandbox=none reason=\"bwrap not found\"");
        OperatorLog.reset();
        assertThat(names()).containsExactly("commands.log");
        assertThat(Files.readString(logs.resolve("commands.log"))).contains("WARN  example sandbox=none");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> files = Files.list(logs)) {
            return files.map(p -> p.getFileName().toString()).toList();
        }
    }
}
