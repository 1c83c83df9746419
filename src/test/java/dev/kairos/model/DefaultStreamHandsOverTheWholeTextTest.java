package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A ModelClient that cannot stream still honours stream(): the whole text arrives as one piece. */
class DefaultStreamHandsOverTheWholeTextTest {

    @Test
    void wholeTextArrivesOnce() {
        ModelResponse canned = new ModelResponse(List.of(new Content.Text("all at once")), StopReason.END_TURN,
                Usage.ZERO, "canned");
        ModelClient client = new ModelClient() {
            @Override
            public ModelResponse complete(ModelRequest request) {
                return canned;
            }

            @Override
            public String provider() {
                return "canned";
            }

            @Override
            public String model() {
                return "canned";
            }
        };
        List<String> pieces = new ArrayList<>();

        assertThat(client.stream(Requests.hello(), pieces::add)).isSameAs(canned);
        assertThat(pieces).containsExactly("all at once");
    }
}
