package dev.kairos.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalformedEvidenceIdsAreReadDefensivelyTest {
    @TempDir
    Path tmp;

    @Test
    void idsAreSplitRepairedOrDroppedAndSummariesAreNeverRead() throws Exception {
        Path file = tmp.resolve("locomo.json");
        Files.writeString(file, """
                [{"sample_id": "conv-x",
                  "conversation": {"speaker_a": "A", "speaker_b": "B",
                    "session_2_date_time": "9:00 am on 2 May, 2023",
                    "session_2": [{"speaker": "A", "dia_id": "D2:1", "text": "Back from Oslo."}],
                    "session_1_date_time": "1:56 pm on 1 May, 2023",
                    "session_1": [{"speaker": "A", "dia_id": "D1:1", "text": "Look!", "blip_caption": "a photo of a fjord"},
                                  {"speaker": "B", "dia_id": "D1:2", "text": "Wow."}],
                    "session_3_date_time": "9:00 am on 9 May, 2023"},
                  "observation": {"session_1_observation": "must not be read"},
                  "session_summary": {"session_1_summary": "must not be read"},
                  "qa": [{"question": "q1", "answer": "a", "category": 1, "evidence": ["D1:1; D2:1"]},
                         {"question": "q2", "answer": "a", "category": 4, "evidence": ["D"]},
                         {"question": "q3", "answer": "a", "category": 1, "evidence": ["D:1:2", "D9:9"]},
                         {"question": "q4", "adversarial_answer": "a", "category": 5, "evidence": []}]}]
                """);

        LocomoData.Conversation c = LocomoData.read(file).conversations().get(0);

        assertThat(c.sessions()).extracting(LocomoData.Session::number).containsExactly(1, 2);
        assertThat(c.sessions().get(0).turns().get(0).text()).isEqualTo("Look! [shares an image: a photo of a fjord]");
        assertThat(c.questions().get(0).evidence()).containsExactly("D1:1", "D2:1");
        assertThat(c.questions().get(1).evidence()).isEmpty();
        assertThat(c.questions().get(1).droppedEvidence()).isEqualTo(1);
        assertThat(c.questions().get(2).evidence()).containsExactly("D1:2");
        assertThat(c.questions().get(2).droppedEvidence()).isEqualTo(1);
    }
}
