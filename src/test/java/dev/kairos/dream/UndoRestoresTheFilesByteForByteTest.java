package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dry run writes nothing; a dream is one commit whose message is the report; undo brings every byte back. */
class UndoRestoresTheFilesByteForByteTest {
    @TempDir Path home;

    @Test
    void dryRunWritesNothingDreamIsOneCommitUndoRestoresEveryByte() throws Exception {
        DreamFixture f = new DreamFixture(home, "2026-12-30T03:00:00Z");
        Instant t = Instant.parse("2026-12-29T22:00:00Z");
        f.day("2026-11-01", t, "09:00 Caroline: I went to the LGBTQ support group yesterday. (D1:3)",
                "09:01 Melanie: That sounds great, how was it? (D1:4)");
        f.day("2026-12-28", t, "09:00 Caroline: I went to the LGBTQ support group yesterday! (D2:1)");
        f.write("topics/user.md", "# User\n\n- Prefers short answers (2026-11-02; chat 9 user)\n");
        Map<String, String> before = f.files();
        int commitsBefore = commits(f);

        DreamReport dry = f.dream().run(true);
        assertThat(dry.outcome()).isEqualTo(DreamReport.Outcome.DRY_RUN);
        assertThat(dry.diff()).contains("+++ b/topics/caroline.md")
                .contains("rename journal/2026-11-01.md => archive/journal/2026-11-01.md");
        assertThat(f.files()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(commits(f)).isEqualTo(commitsBefore);

        DreamReport dreamt = f.dream().run(false);
        assertThat(dreamt.outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        assertThat(dreamt.archived()).isEqualTo(1);
        assertThat(f.files()).isNotEqualTo(before).containsKey("archive/journal/2026-11-01.md")
                .doesNotContainKey("journal/2026-11-01.md");
        try (Git git = Git.open(f.memory.toFile())) {
            var log = git.log().setMaxCount(2).call().iterator();
            String dreamMessage = log.next().getFullMessage();
            assertThat(dreamMessage).isEqualTo(dreamt.message()).startsWith("Dream ").contains("1 archived")
                    .contains("items: ").contains("bytes: ").contains("tokens: 0");
            assertThat(log.next().getFullMessage()).as("uncommitted memory went in its own commit first")
                    .startsWith("Memory before the dream");
        }

        Dream.Undo undo = f.dream().undo();
        assertThat(undo.done()).as(undo.message()).isTrue();
        assertThat(f.files()).isEqualTo(before);
        assertThat(f.dream().undo().done()).as("nothing left to undo").isFalse();
    }

    private static int commits(DreamFixture f) throws Exception {
        try (Git git = Git.open(f.memory.toFile())) {
            int n = 0;
            for (var ignored : git.log().call()) n++;
            return n;
        }
    }
}
