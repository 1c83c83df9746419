package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

/** Garbage in kairos.yaml gives one clear line naming file, line and key, a non-zero exit and no stack trace. */
class ConfigErrorsAreOneLineTest {
    @TempDir Path home;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "heartbeat: [1, 2|:2: not valid YAML",
            "heartbeat:\\n  evry: 5m|:2: heartbeat.evry: unknown key; did you mean 'every'?",
            "http:\\n  port: lots|:2: http.port: expected a whole number",
            "}}}garbage{{{|:1: not valid YAML"})
    void everyVerbReportsIt(String yaml, String expected) throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
        Path file = home.resolve("kairos.yaml");
        Files.writeString(file, yaml.replace("\\n", "\n") + "\n");
        for (String verb : new String[] {"status", "tick", "up"}) {
            CliRun run = CliRun.run(env, InstantSource.system(), verb);
            assertThat(run.exitCode()).as(verb).isEqualTo(1);
            assertThat(run.err()).as(verb).startsWith("kairos: " + file + expected).doesNotContain("\tat ")
                    .satisfies(err -> assertThat(err.strip().lines()).hasSize(1));
        }
    }

    @org.junit.jupiter.api.Test
    void everyCommandHasHelp() {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        for (String verb : new String[] {"init", "up", "watch", "status", "tick", "chat", "approvals", "costs"}) {
            CliRun run = CliRun.run(env, InstantSource.system(), verb, "--help");
            assertThat(run.exitCode()).as(verb + " --help: " + run.err()).isZero();
            assertThat(run.out()).as(verb).contains("Usage: kairos " + verb);
        }
    }
}
