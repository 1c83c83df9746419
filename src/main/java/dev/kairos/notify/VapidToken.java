package dev.kairos.notify;

import dev.kairos.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JWT of VAPID (RFC 8292 section 2): ES256-signed claims naming the push service's origin ({@code aud}), an
 * expiry ({@code exp}, here twelve hours, at most 24 allowed) and who runs this server ({@code sub}). Made here,
 * rather than by the library, so its time comes from Kairos's clock.
 */
final class VapidToken {
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final String HEADER = B64.encodeToString("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"
            .getBytes(StandardCharsets.UTF_8));

    private VapidToken() {}

    static String sign(String audience, String subject, Instant now, ECPrivateKey key) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("aud", audience);
        claims.put("exp", now.plus(LIFETIME).getEpochSecond());
        claims.put("sub", subject);
        String unsigned = HEADER + "." + B64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        try {
            Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format"); // JWS wants r|s, not DER
            es256.initSign(key);
            es256.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + B64.encodeToString(es256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the VAPID token: " + e.getMessage(), e);
        }
    }
}
