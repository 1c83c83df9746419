package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Beyond "lives in" and "works at": "is now" replaces what a possession was ("my manager is now Priya"), "based in"
 * is where someone lives, "joined" and "got a job at" are where they work. Each newer fact wins and the older is kept
 * as past; a statement with no name or number in it ("my dog is cute") is no fact a later one replaces.
 */
class AChangedStateTurnsTheOldOnePastTest {
    @TempDir Path home;

    @Test
    void theNewerManagerCityAndEmployerWinAndTheOldOnesArePast() {
        DreamFixture f = new DreamFixture(home, "2026-11-21T03:00:00Z");
        Instant t = Instant.parse("2026-11-20T22:00:00Z");
        f.day("2026-11-01", t, "09:00 user: My manager is Alice Chen. (chat 1 user)",
                "09:05 user: I'm based in Lisbon these days. (chat 2 user)",
                "09:10 user: I joined Globex as a designer. (chat 3 user)",
                "09:15 user: My dog is cute and very loud. (chat 4 user)");
        f.day("2026-11-20", t, "10:00 user: My manager is now Priya. (chat 5 user)",
                "10:05 user: We moved to Porto for the sea. (chat 6 user)",
                "10:10 user: I got a job at Initech last week. (chat 7 user)",
                "10:15 user: My dog is now 3 years old. (chat 8 user)");

        DreamReport r = f.dream().run(false);

        assertThat(r.outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        String user = f.read("topics/user.md");
        String current = user.substring(0, user.indexOf("## Past"));
        String past = user.substring(user.indexOf("## Past"));
        assertThat(current).contains("My manager is now Priya.", "We moved to Porto", "I got a job at Initech",
                "My dog is cute", "My dog is now 3 years old.").doesNotContain("Alice", "Lisbon", "Globex");
        assertThat(past).contains("Until 2026-11-20: user: My manager is Alice Chen.",
                "Until 2026-11-20: user: I'm based in Lisbon", "Until 2026-11-20: user: I joined Globex");
        assertThat(r.turnedPast()).isEqualTo(3);
    }
}
