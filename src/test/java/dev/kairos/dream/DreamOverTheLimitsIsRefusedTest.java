package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A dream that would drop more than a quarter of the topics' items, or change a pinned one, writes nothing. */
class DreamOverTheLimitsIsRefusedTest {
    @TempDir Path home;

    @Test
    void droppingMoreThanAQuarterIsRefused() {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        f.write("topics/user.md", """
                # User

                - Works on the Kairos daemon (2026-11-01; chat 1 user)
                - Has a dog named Rex (2026-11-01; chat 2 user)
                - Thanks so much! (2026-11-01; chat 3 user)
                - Good to see you! (2026-11-02; chat 4 user)
                - Hi! (2026-11-03; chat 5 user)
                - Prefers tea to coffee (2026-11-03; chat 6 user)
                """);
        Map<String, String> before = f.files();

        DreamReport r = f.dream().run(false);

        assertThat(r.outcome()).isEqualTo(DreamReport.Outcome.REFUSED);
        assertThat(r.reason()).contains("drop 3 of the 6 items").contains("more than a quarter");
        assertThat(f.files()).isEqualTo(before);
    }

    @Test
    void changingAPinnedItemIsRefused() {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        f.write("topics/user.md", """
                # User

                - 📌 The user lives in Paris (2026-11-01; chat 1 user)
                - Has a dog named Rex (2026-11-01; chat 2 user)
                """);
        f.day("2026-11-20", Instant.parse("2026-11-20T10:00:00Z"), "10:00 user: I moved to Berlin. (chat 3 user)");
        Map<String, String> before = f.files();

        DreamReport r = f.dream().run(false);

        assertThat(r.outcome()).isEqualTo(DreamReport.Outcome.REFUSED);
        assertThat(r.reason()).contains("pinned item").contains("The user lives in Paris");
        assertThat(f.files()).isEqualTo(before);
    }
}
