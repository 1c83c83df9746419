package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.memory.Journal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every change to memory is a commit: each journal line is one as it is written, so a dream finds nothing left to
 * commit and adds exactly one commit, whose message is its report; undo reverts exactly that commit, and a line
 * written after the dream survives the undo.
 */
class ADreamIsOneCommitTest {
    @TempDir Path home;

    @Test
    void journalLinesAreCommitsTheDreamIsOneAndUndoRevertsExactlyIt() throws Exception {
        DreamFixture f = new DreamFixture(home, "2026-12-30T03:00:00Z");
        Journal journal = new Journal(f.memory, ZoneOffset.UTC);
        int atStart = messages(f).size();
        journal.append(Instant.parse("2026-11-01T09:00:00Z"), "Caroline", "I moved to a flat by the river.", "D1:1");
        journal.append(Instant.parse("2026-11-01T09:01:00Z"), "Melanie", "How do you like it there?", "D1:2");
        journal.append(Instant.parse("2026-12-29T20:00:00Z"), "Caroline", "I started pottery classes on Monday.",
                "D2:1");
        List<String> afterLines = messages(f);
        assertThat(afterLines).hasSize(atStart + 3);
        assertThat(afterLines.subList(0, 3)).as("each journal line is a commit, at its own time")
                .allMatch(m -> m.startsWith("Journal 2026-"));
        Map<String, String> before = f.files();

        DreamReport dreamt = f.dream().run(false);

        assertThat(dreamt.outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        List<String> afterDream = messages(f);
        assertThat(afterDream).hasSize(afterLines.size() + 1);
        assertThat(afterDream.getFirst()).isEqualTo(dreamt.message()).startsWith("Dream ");

        journal.append(Instant.parse("2026-12-30T08:00:00Z"), "Melanie", "Pottery sounds fun!", "D3:1");
        String lineAfter = f.read("journal/2026-12-30.md");
        Dream.Undo undo = f.dream().undo();

        assertThat(undo.done()).as(undo.message()).isTrue();
        try (Git git = Git.open(f.memory.toFile())) {
            RevCommit undone = git.log().setMaxCount(1).call().iterator().next();
            assertThat(undone.getFullMessage()).startsWith("Undo dream " + dreamt.commit());
            assertThat(messages(f)).hasSize(afterDream.size() + 2).as("the line after the dream, then the undo");
        }
        Map<String, String> now = f.files();
        assertThat(f.read("journal/2026-12-30.md")).isEqualTo(lineAfter);
        now.remove("journal/2026-12-30.md");
        assertThat(now).as("everything else as before the dream, byte for byte").isEqualTo(before);
    }

    private static List<String> messages(DreamFixture f) throws Exception {
        List<String> out = new ArrayList<>();
        try (Git git = Git.open(f.memory.toFile())) {
            for (RevCommit c : git.log().call()) out.add(c.getFullMessage());
        }
        return out;
    }
}
