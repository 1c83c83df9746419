package dev.kairos.github;

import dev.kairos.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The JSON Web Token a GitHub App signs (RS256) to ask for installation tokens. Issued a minute in the past against
 * clock drift and valid nine minutes, under GitHub's ten-minute cap.
 */
final class AppJwt {
    static final Duration BACKDATE = Duration.ofSeconds(60);
    static final Duration LIFETIME = Duration.ofMinutes(9);
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private AppJwt() {}

    static String sign(long appId, PrivateKey key, Instant now) {
        var header = Json.object().put("alg", "RS256").put("typ", "JWT");
        var claims = Json.object().put("iat", now.minus(BACKDATE).getEpochSecond())
                .put("exp", now.plus(LIFETIME).getEpochSecond()).put("iss", appId);
        String signed = encode(Json.write(header)) + "." + encode(Json.write(claims));
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(key);
            rsa.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + URL.encodeToString(rsa.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the GitHub App token: " + e.getMessage(), e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
