package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A month of everyday chat and two lines that answer the question: the pack holds the answer and stops where the
 * ranking stops being relevant, instead of filling the budget with the month's other talk.
 */
class PackingStopsWhereRelevanceEndsTest {
    private static final String[] TALK = {
        "Melanie: We are going to the beach on Sunday with the kids.",
        "Jon: I am going to the dentist on Tuesday, wish me luck.",
        "Melanie: The kids are going to a pottery class next week.",
        "Jon: We are going to the farmers market on Saturday morning.",
        "Melanie: I am going to the gym after work today.",
        "Jon: My brother is going to the office party on Friday.",
    };

    @TempDir Path tmp;

    @Test
    void aQuestionWithOneAnswerPacksItAndLittleElse() {
        try (MemoryFixture f = new MemoryFixture(tmp)) {
            for (int d = 1; d <= 30; d++) {
                String day = String.format("2026-10-%02d", d);
                StringBuilder lines = new StringBuilder("# " + day + "\n\n");
                for (int i = 0; i < 4; i++) {
                    lines.append("- 09:0").append(i).append(' ').append(TALK[(d + i) % TALK.length])
                            .append(" Day ").append(d).append(". (D").append(d).append(':').append(i + 1).append(")\n");
                }
                if (d == 9) {
                    lines.append("- 09:05 Caroline: I have been reading about adoption for months, I am ready. (D9:6)\n");
                }
                if (d == 17) {
                    lines.append("- 09:05 Caroline: I am going to the adoption agency on Saturday to start the "
                            + "paperwork. (D17:6)\n");
                }
                f.write("journal/" + day + ".md", lines.toString());
            }
            f.memory.reindex();

            PackedMemory packed = f.memory.pack("When is Caroline going to the adoption agency?", 2000,
                    LocalDate.of(2026, 10, 31));

            assertThat(packed.text()).contains("adoption agency on Saturday", "reading about adoption");
            assertThat(packed.tokens()).as("the month's other talk is not packed").isLessThan(1000);
            List<Double> scores = packed.items().stream().map(MemoryItem::score)
                    .sorted(Comparator.reverseOrder()).toList();
            double head = scores.subList(0, Packer.HEAD).stream().mapToDouble(s -> s).average().orElseThrow();
            assertThat(scores).allSatisfy(s -> assertThat(s).isGreaterThanOrEqualTo(Retrieval.RELEVANT_SHARE * head));
        }
    }
}
