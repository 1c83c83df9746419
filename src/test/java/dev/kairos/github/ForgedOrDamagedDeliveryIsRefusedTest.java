package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example delivery, damaged or forged, is refused with the status that says why, and nothing of it reaches the
 * inbox or the table of handled deliveries (so the genuine delivery, should it come, is still taken).
 */
class ForgedOrDamagedDeliveryIsRefusedTest {
    @TempDir static Path dir;
    static Intake intake;

    @BeforeAll
    static void open() {
        intake = Intake.following(dir, Examples.repos());
    }

    /** A damage done to a signed delivery: its body and signature header afterwards, and the status it earns. */
    enum Mutation {
        ONE_BYTE_CHANGED(401), TRUNCATED(401), UNSIGNED(401), WRONG_SECRET(401), GARBAGE(401),
        MALFORMED_SIGNATURE(401), TRUNCATED_THEN_SIGNED(400), GARBAGE_SIGNED(400);

        final int status;

        Mutation(int status) {
            this.status = status;
        }

        byte[] body(byte[] original) {
            return switch (this) {
                case ONE_BYTE_CHANGED -> {
                    byte[] b = original.clone();
                    b[b.length / 2] ^= 0x01;
                    yield b;
                }
                case TRUNCATED, TRUNCATED_THEN_SIGNED -> Arrays.copyOf(original, original.length / 2);
                case GARBAGE, GARBAGE_SIGNED -> {
                    byte[] b = new byte[original.length];
                    new Random(original.length).nextBytes(b);
                    b[0] = '{'; // starts like JSON, goes on as noise
                    yield b;
                }
                default -> original;
            };
        }

        String signature(byte[] original, byte[] mutated) {
            return switch (this) {
                case UNSIGNED -> null;
                case WRONG_SECRET -> GitHubWebhooks.signature("not the secret", mutated);
                case MALFORMED_SIGNATURE -> "sha256=" + "zz".repeat(32);
                case TRUNCATED_THEN_SIGNED, GARBAGE_SIGNED -> GitHubWebhooks.signature(Intake.SECRET, mutated);
                default -> GitHubWebhooks.signature(Intake.SECRET, original); // the genuine one, for other bytes
            };
        }
    }

    static Stream<Arguments> damaged() {
        return Examples.all().stream().flatMap(e -> Arrays.stream(Mutation.values()).map(m -> Arguments.of(e, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("damaged")
    void isRefusedAndLeavesNoTrace(Examples.Example example, Mutation mutation) {
        int events = intake.events();
        int deliveries = intake.deliveries();
        byte[] body = mutation.body(example.body());

        GitHubWebhooks.Answer answer = intake.post(example.event(), body, mutation.signature(example.body(), body),
                UUID.randomUUID().toString());

        assertThat(answer.status()).as(answer.message()).isEqualTo(mutation.status);
        assertThat(answer.stored()).isEmpty();
        assertThat(intake.events()).isEqualTo(events);
        assertThat(intake.deliveries()).isEqualTo(deliveries);
    }
}
