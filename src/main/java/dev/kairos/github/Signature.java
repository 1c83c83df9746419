package dev.kairos.github;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * GitHub's {@code X-Hub-Signature-256}: "sha256=" and the hex HMAC-SHA256 of the raw body under the webhook's
 * secret. Compared in constant time, so a forger learns nothing from how long a refusal took.
 */
final class Signature {
    static final String PREFIX = "sha256=";
    private static final HexFormat HEX = HexFormat.of();

    private final SecretKeySpec key;

    Signature(String secret) {
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    /** The header value GitHub would send for {@code body}. */
    String sign(byte[] body) {
        return PREFIX + HEX.formatHex(mac(body));
    }

    /** Whether {@code header} is this secret's signature of {@code body}; a missing or malformed header is not. */
    boolean verifies(byte[] body, String header) {
        if (header == null || !header.startsWith(PREFIX) || header.length() != PREFIX.length() + 64) return false;
        byte[] given;
        try {
            given = HEX.parseHex(header, PREFIX.length(), header.length());
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(mac(body), given);
    }

    private byte[] mac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }
}
