package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A GitHub App installed on every repository of a {@link FakeGitHub}: its public key checks the JWTs presented (as
 * GitHub does: RS256, the app id as issuer, at most ten minutes long, not expired), and the installation tokens it
 * issues live an hour on the fake's clock. Guarded by the fake's lock.
 */
final class FakeGitHubApp {
    static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
    final long appId;
    final PublicKey key;
    final long installation;
    final Map<String, Instant> tokens = new LinkedHashMap<>();
    final List<String> jwts = new ArrayList<>();

    FakeGitHubApp(long appId, PublicKey key, long installation) {
        this.appId = appId;
        this.key = key;
        this.installation = installation;
    }

    /** Why {@code jwt} is refused at {@code now}, or empty when GitHub would take it. */
    Optional<String> refusal(String jwt, Instant now) {
        JsonNode claims;
        try {
            claims = claims(jwt, key);
        } catch (IllegalArgumentException e) {
            return Optional.of("A JSON web token could not be decoded");
        }
        long iat = claims.path("iat").asLong(-1);
        long exp = claims.path("exp").asLong(-1);
        if (!claims.path("iss").asText().equals(Long.toString(appId))) return Optional.of("Integration not found");
        if (exp <= now.getEpochSecond()) {
            return Optional.of("'Expiration time' claim ('exp') must be a numeric value representing the future time");
        }
        if (iat > now.getEpochSecond() + 60) return Optional.of("'Issued at' claim ('iat') must be an Integer in the past");
        if (exp - iat > 600) return Optional.of("'Expiration time' claim ('exp') is too far in the future");
        return Optional.empty();
    }

    boolean live(String token, Instant now) {
        Instant expires = tokens.get(token);
        return expires != null && now.isBefore(expires);
    }

    /**
     * The claims of an RS256 JWT whose signature {@code key} verifies; IllegalArgumentException when it does not or
     * the token is malformed. Tests use it to check what Kairos signs.
     */
    static JsonNode claims(String jwt, PublicKey key) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) throw new IllegalArgumentException("not a JWT: " + parts.length + " parts");
        Base64.Decoder url = Base64.getUrlDecoder();
        JsonNode header = Json.tree(new String(url.decode(parts[0]), StandardCharsets.UTF_8));
        if (!header.path("alg").asText().equals("RS256")) throw new IllegalArgumentException("alg is not RS256");
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(key);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(url.decode(parts[2]))) throw new IllegalArgumentException("the signature does not verify");
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("the signature does not verify: " + e.getMessage(), e);
        }
        return Json.tree(new String(url.decode(parts[1]), StandardCharsets.UTF_8));
    }
}
