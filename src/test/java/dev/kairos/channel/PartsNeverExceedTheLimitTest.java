package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A reply cut for Telegram: no part over the limit, none cut inside a surrogate pair, and joined they are the text. */
class PartsNeverExceedTheLimitTest {

    @Test
    void aShortTextIsOnePart() {
        assertThat(Parts.of("hello", 4096)).containsExactly("hello");
    }

    @Test
    void aCutFallsAfterALineBreakOrASpace() {
        assertThat(Parts.of("aaaa bbbb\ncc dd", 10)).containsExactly("aaaa bbbb\n", "cc dd");
        assertThat(Parts.of("aaaaaa bbbbbb", 10)).containsExactly("aaaaaa ", "bbbbbb");
        assertThat(Parts.of("aa bbbbbbbbbb", 10)).as("a space early on makes too short a part")
                .containsExactly("aa bbbbbbb", "bbb");
    }

    @Test
    void aTextWithoutSpacesIsCutAtTheLimitButNeverInsideAnEmoji() {
        String text = "x".repeat(9) + "😀" + "y".repeat(5); // the emoji's two halves sit at 9 and 10
        List<String> parts = Parts.of(text, 10);
        assertThat(parts).containsExactly("x".repeat(9), "😀" + "y".repeat(5));
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(10));
    }

    @Test
    void partsJoinedAreTheText() {
        String text = ("lorem ipsum dolor sit amet ".repeat(400) + "\n").repeat(3);
        List<String> parts = Parts.of(text, 4096);
        assertThat(parts).allSatisfy(p -> assertThat(p.length()).isBetween(1, 4096));
        assertThat(String.join("", parts)).isEqualTo(text);
    }
}
