package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "moved to Berlin" after "lives in Paris": current Berlin, Paris kept as past; dates made absolute; duplicates fold. */
class NewerFactWinsAndOlderIsKeptAsPastTest {
    @TempDir Path home;

    @Test
    void berlinIsCurrentAndParisIsPastUntilTheMove() {
        DreamFixture f = new DreamFixture(home, "2026-11-21T03:00:00Z");
        Instant t = Instant.parse("2026-11-20T22:00:00Z");
        f.day("2026-11-01", t, "09:00 user: I live in Paris with my cat. (chat 1 user)",
                "09:05 user: I live in Paris with my cat! (chat 2 user)");
        f.day("2026-11-20", t, "10:00 user: I moved to Berlin yesterday. (chat 3 user)",
                "10:01 user: Thanks! (chat 4 user)");

        DreamReport r = f.dream().run(false);

        assertThat(r.outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        String user = f.read("topics/user.md");
        String current = user.substring(0, user.indexOf("## Past"));
        String past = user.substring(user.indexOf("## Past"));
        assertThat(current).contains("I moved to Berlin yesterday [2026-11-19].").doesNotContain("Paris");
        assertThat(past).contains("Until 2026-11-20: user: I live in Paris with my cat")
                .contains("chat 1 user, chat 2 user").doesNotContain("Berlin");
        assertThat(user).as("small talk is left out").doesNotContain("Thanks!");
        assertThat(r.merged()).isEqualTo(1);
        assertThat(r.turnedPast()).isEqualTo(1);
        assertThat(f.read("MEMORY.md")).contains("## Profile").contains("Who: I moved to Berlin")
                .contains("[User](topics/user.md)");

        assertThat(f.dream().run(false).outcome()).as("a second dream finds nothing to change")
                .isEqualTo(DreamReport.Outcome.UNCHANGED);
    }
}
