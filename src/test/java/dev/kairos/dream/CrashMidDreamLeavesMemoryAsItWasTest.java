package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dream that fails while writing, or whose process dies mid-write, leaves memory/ as it was before it. */
class CrashMidDreamLeavesMemoryAsItWasTest {
    @TempDir Path home;

    @Test
    void aWriteThatFailsHalfwayIsRolledBack() {
        DreamFixture f = new DreamFixture(home, "2026-12-30T03:00:00Z");
        Instant t = Instant.parse("2026-12-29T22:00:00Z");
        f.day("2026-11-01", t, "09:00 Caroline: I adopted a cat named Luna. (D1:1)");
        f.day("2026-12-29", t, "09:00 Caroline: Luna is two years old now. (D2:1)");
        // The archive target is a folder: moving the old day there fails after MEMORY.md was already rewritten.
        f.write("archive/journal/2026-11-01.md/keep.txt", "a folder in the way\n");
        Map<String, String> before = f.files();

        assertThatThrownBy(() -> f.dream().run(false)).isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("memory is as it was");

        assertThat(f.files()).isEqualTo(before);
        assertThat(Files.exists(f.home.resolve("dream.lock"))).as("the lock is released").isFalse();
    }

    @Test
    void theNextDreamPutsBackWhatADeadDreamHalfWrote() throws Exception {
        DreamFixture f = new DreamFixture(home, "2026-12-30T03:00:00Z");
        f.day("2026-12-29", Instant.parse("2026-12-29T22:00:00Z"), "09:00 Caroline: I adopted a cat named Luna. (D1:1)");
        assertThat(f.dream().run(false).outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        Map<String, String> consolidated = f.files();
        String head;
        try (Git git = Git.open(f.memory.toFile())) {
            head = git.getRepository().resolve("HEAD").name();
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(f.home.resolve("dream.lock"), "pid=" + gone.pid() + "\nstarted=2026-12-30T03:00:00Z\nbase="
                + head + "\n");
        f.write("topics/caroline.md", "# Caroline\n\n- I adopted a c");
        f.write("topics/half-written.md", "# Half\n");

        DreamReport next = f.dream().run(false);

        assertThat(next.outcome()).isEqualTo(DreamReport.Outcome.UNCHANGED);
        assertThat(f.files()).isEqualTo(consolidated);
    }
}
