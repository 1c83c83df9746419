package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsAreCappedInTokensTest {
    @TempDir Path root;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    ToolContext ctx;

    @BeforeEach
    void setUp() {
        ctx = ToolContext.at(root, SettableClock.at("2026-11-25T10:00:00Z")).withCommandTimeout(Duration.ofMinutes(2));
    }

    @Test
    void aFiveMegabyteLogReadsAsHeadAndTailUnderTheCap() throws Exception {
        Path log = root.resolve("build.log");
        try (BufferedWriter w = Files.newBufferedWriter(log)) {
            w.write("FIRST LINE\n");
            for (long written = 0, i = 0; written < 5_000_000; i++) {
                String line = "2026-11-25 12:00:00 INFO request id=" + i * 7919 + " took " + i % 1000 + "ms\n";
                w.write(line);
                written += line.length();
            }
            w.write("LAST LINE: BUILD FAILED\n");
        }
        assertThat(Files.size(log)).isGreaterThan(5_000_000);

        ToolResult r = tools.call("read_file", Input.of("path", "build.log"), ctx);
        assertThat(TokenCap.count(r.content())).isLessThanOrEqualTo(ToolContext.DEFAULT_RESULT_TOKENS);
        assertThat(r.content()).startsWith("FIRST LINE\n").endsWith("LAST LINE: BUILD FAILED\n")
                .containsPattern("\\n\\[… about \\d+ tokens cut …]\\n");
    }

    @Test
    void aFiveMegabyteCommandOutputIsCappedWithItsExitCode() {
        ToolResult r = tools.call("run_command", Input.of("command",
                "echo START; head -c 5000000 /dev/zero | tr '\\0' 'x' | fold -w 100; echo; echo END; exit 2"), ctx);
        assertThat(r.isError()).isTrue();
        assertThat(TokenCap.count(r.content())).isLessThanOrEqualTo(ToolContext.DEFAULT_RESULT_TOKENS);
        assertThat(r.content()).startsWith("exit code: 2\nSTART\nxxxx").endsWith("xxxx\nEND\n")
                .contains("tokens cut …]");
    }

    @Test
    void theCapIsExactBelowTheCharacterLimit() {
        String text = "word ".repeat(3_000); // 3000 tokens
        String capped = TokenCap.cap(text, 1_000);
        assertThat(TokenCap.count(capped)).isLessThanOrEqualTo(1_000);
        int kept = TokenCap.count(capped.replaceAll("\\n\\[… \\d+ tokens cut …]\\n", " "));
        int cut = Integer.parseInt(capped.replaceAll("(?s).*\\[… (\\d+) tokens cut …].*", "$1"));
        assertThat(kept + cut).isBetween(2_995, 3_005); // the seam may tokenise a little differently
        assertThat(TokenCap.cap("short text", 1_000)).isEqualTo("short text");
    }

    @Test
    void aSmallerCapFromTheContextApplies() throws Exception {
        Files.writeString(root.resolve("big.txt"), "line of text\n".repeat(2_000));
        ToolResult r = tools.call("read_file", Input.of("path", "big.txt"), ctx.withResultTokens(200));
        assertThat(TokenCap.count(r.content())).isLessThanOrEqualTo(200);
        assertThat(r.content()).startsWith("line of text\n").endsWith("line of text\n").contains("tokens cut …]");
    }
}
