package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemoryIndexCapTest {
    @TempDir
    Path tmp;

    @Test
    void aWritePastTwoHundredLinesIsRefusedAndWritesNothing() throws Exception {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            f.memory.writeIndex("- [User](topics/user.md): prefers tabs\n");
            String tooLong = "- entry\n".repeat(201);

            assertThatThrownBy(() -> f.memory.writeIndex(tooLong))
                    .isInstanceOf(MemoryCapException.class)
                    .hasMessageContaining("MEMORY.md not written")
                    .hasMessageContaining("201 lines")
                    .hasMessageContaining("cap of 200 lines and 25.0 KB");
            assertThat(Files.readString(f.memoryDir.resolve("MEMORY.md")))
                    .isEqualTo("- [User](topics/user.md): prefers tabs\n");
        }
    }

    @Test
    void aWritePastTwentyFiveKilobytesIsRefused() throws Exception {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            String wide = ("- " + "x".repeat(199) + "\n").repeat(130); // 130 lines, 26,260 bytes
            assertThatThrownBy(() -> f.memory.writeIndex(wide))
                    .isInstanceOf(MemoryCapException.class)
                    .hasMessageContaining("130 lines and 25.6 KB");
            assertThat(f.memoryDir.resolve("MEMORY.md")).doesNotExist();
        }
    }

    @Test
    void anIndexAtTheCapIsWrittenAndServedWhole() throws Exception {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            String full = "- entry\n".repeat(200);
            f.memory.writeIndex(full);
            assertThat(f.memory.indexText()).isEqualTo(full);
        }
    }

    @Test
    void anIndexEditedByHandPastTheCapIsServedCutAtTheCap() throws Exception {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            f.write("MEMORY.md", "- entry\n".repeat(250));
            assertThat(f.memory.indexText().lines()).hasSize(200);
        }
    }
}
