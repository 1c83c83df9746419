package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a machine whose PATH has no bubblewrap, `kairos status` names the missing sandbox as a problem, says what it
 * means and how to fix it; with bwrap on the PATH it does not (status only looks along the PATH).
 */
class MissingSandboxIsAProblemTest {
    private static final String PROBLEM = "no sandbox: bubblewrap (bwrap) is not installed; commands wait for "
            + "approval (apt-get install bubblewrap)";

    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void statusListsTheMissingSandboxUnderProblems() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin-without-bwrap"));
        Map<String, String> env = Map.of("KAIROS_HOME", tmp.resolve("home").toString(), "PATH", bin.toString());
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();

        CliRun json = CliRun.run(env, clock, "status", "--json");
        assertThat(json.exitCode()).as(json.err()).isZero();
        JsonNode problems = Json.MAPPER.readTree(json.out()).get("problems");
        assertThat(problems).extracting(JsonNode::asText).contains(PROBLEM);

        CliRun text = CliRun.run(env, clock, "status");
        assertThat(text.out()).contains("  problem:        " + PROBLEM);
    }

    @Test
    void withBwrapOnThePathThereIsNoSuchProblem() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Files.writeString(bin.resolve("bwrap"), "#!/bin/sh\nexit 1\n");
        Files.setPosixFilePermissions(bin.resolve("bwrap"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Map<String, String> env = Map.of("KAIROS_HOME", tmp.resolve("home").toString(), "PATH", bin.toString());
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();

        JsonNode status = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out());
        assertThat(status.get("problems")).extracting(JsonNode::asText).noneMatch(p -> p.startsWith("no sandbox"));
    }
}
