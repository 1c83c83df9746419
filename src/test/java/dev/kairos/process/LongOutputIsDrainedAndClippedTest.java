package dev.kairos.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output is read while the process runs (a full pipe would block it forever) and only its head and tail kept. */
class LongOutputIsDrainedAndClippedTest {
    @TempDir Path tmp;

    @Test
    void threeMegabytesKeepTheirStartAndEnd() {
        String script = "echo BEGIN; head -c 3000000 /dev/zero | tr '\\0' a; echo; echo END >&2";

        Result r = Processes.runner().run(Command.in(tmp, "bash", "-c", script).withOutputCap(64 * 1024));

        assertThat(r.ok()).isTrue();
        Result.Output out = r.output();
        assertThat(out.head()).hasSize(32 * 1024).startsWith("BEGIN\naaaa");
        assertThat(out.tail()).hasSize(32 * 1024).endsWith("aaaa\nEND\n");
        assertThat(out.cutBytes()).isEqualTo(6 + 3_000_000 + 1 + 4 - 64 * 1024);
        assertThat(r.text()).contains("\n[… " + out.cutBytes() + " bytes cut …]\n");
    }
}
