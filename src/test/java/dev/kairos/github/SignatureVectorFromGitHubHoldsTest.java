package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The vector GitHub documents (quoted in the examples' SOURCE.md) signs and verifies as GitHub says. */
class SignatureVectorFromGitHubHoldsTest {
    private static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.UTF_8);
    private static final String EXPECTED = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

    @Test
    void documentedSecretAndBodyGiveTheDocumentedSignature() {
        Signature s = new Signature("It's a Secret to Everybody");

        assertThat(s.sign(BODY)).isEqualTo(EXPECTED);
        assertThat(GitHubWebhooks.signature("It's a Secret to Everybody", BODY)).isEqualTo(EXPECTED);
        assertThat(s.verifies(BODY, EXPECTED)).isTrue();
    }

    @Test
    void anythingElseDoesNotVerify() {
        Signature s = new Signature("It's a Secret to Everybody");

        assertThat(s.verifies(BODY, EXPECTED.toUpperCase().replace("SHA256=", "sha256="))).isTrue(); // hex is hex
        assertThat(s.verifies(BODY, EXPECTED.replace("sha256=", "sha1="))).isFalse();
        assertThat(s.verifies(BODY, EXPECTED.substring(0, EXPECTED.length() - 1) + "f")).isFalse();
        assertThat(s.verifies(BODY, EXPECTED + "00")).isFalse();
        assertThat(s.verifies(BODY, null)).isFalse();
        assertThat(s.verifies("Hello, World?".getBytes(StandardCharsets.UTF_8), EXPECTED)).isFalse();
        assertThat(new Signature("it's a secret to everybody").verifies(BODY, EXPECTED)).isFalse();
    }
}
