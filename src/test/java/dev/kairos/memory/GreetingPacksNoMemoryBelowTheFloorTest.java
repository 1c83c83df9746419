package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a memory grown over a month of chat full of greetings, "good morning" packs only what is as close as the
 * floor (here: nothing but near-greetings, a few tokens), while a real question still gets its fact.
 */
class GreetingPacksNoMemoryBelowTheFloorTest {
    @TempDir Path tmp;

    @Test
    void greetingGetsLittleAndAQuestionGetsItsFact() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            for (int d = 1; d <= 30; d++) {
                String day = String.format("2026-10-%02d", d);
                f.write("journal/" + day + ".md", "# " + day + "\n\n"
                        + "- 09:00 Caroline: Good to see you, Mel! (D" + d + ":1)\n"
                        + "- 09:01 Melanie: Great to see you too! How was your day? (D" + d + ":2)\n"
                        + "- 09:02 Caroline: Good, thanks! I painted a sunrise over the lake on day " + d + ". (D" + d
                        + ":3)\n"
                        + "- 09:03 Melanie: Morning runs keep me sane, I ran " + d + " km this week. (D" + d + ":4)\n"
                        + (d == 17 ? "- 09:04 Caroline: I am going to the adoption agency on Saturday. (D17:5)\n" : ""));
            }
            f.memory.reindex();
            LocalDate today = LocalDate.of(2026, 10, 31);

            PackedMemory greeting = f.memory.pack("good morning", 2000, today);

            float[] q = MemoryFixture.EMBEDDER.embed(List.of("good morning")).getFirst();
            for (MemoryItem i : greeting.items()) {
                float[] v = MemoryFixture.EMBEDDER.embed(List.of(i.text())).getFirst();
                assertThat(dot(q, v)).as(i.text()).isGreaterThanOrEqualTo(Retrieval.SMALL_TALK_FLOOR);
            }
            assertThat(greeting.tokens()).isLessThan(200);

            PackedMemory question = f.memory.pack("When is Caroline going to the adoption agency?", 2000, today);
            assertThat(question.text()).contains("adoption agency on Saturday");
            assertThat(question.tokens()).isGreaterThan(500);
        }
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
