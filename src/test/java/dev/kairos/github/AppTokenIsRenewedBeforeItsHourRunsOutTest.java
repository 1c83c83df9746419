package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.GitHubSettings;
import dev.kairos.testkit.FakeGitHub;
import dev.kairos.testkit.GitHubRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * As a GitHub App, Kairos signs an RS256 JWT with the App's private key (the PKCS#1 PEM GitHub hands out), trades it
 * for an installation token, and renews that token before its hour runs out, on the settable clock.
 */
class AppTokenIsRenewedBeforeItsHourRunsOutTest {
    private static final long APP = 4242;
    private static final long INSTALLATION = 777;
    @TempDir Path dir;

    @Test
    void theJwtVerifiesWithThePublicKeyAndTheTokenIsRenewedTenMinutesBeforeItExpires() throws Exception {
        KeyPair keys = rsa();
        try (PollFixture f = new PollFixture(dir)) {
            f.github.installApp(APP, keys.getPublic(), INSTALLATION);
            f.settings = asApp(f, writePkcs1(keys, dir.resolve("app.pem")));
            GitHubPoller poller = f.poller();
            Instant start = f.clock.instant();

            List<GitHubRequest> first = f.requestsDuring(() -> f.poll(poller));
            assertThat(first.subList(0, 2)).extracting(GitHubRequest::line).containsExactly(
                    "GET /repos/octo/app/installation", "POST /app/installations/" + INSTALLATION + "/access_tokens");
            assertThat(f.github.jwts()).hasSize(2).allSatisfy(jwt -> {
                JsonNode claims = FakeGitHub.jwtClaims(jwt, keys.getPublic());
                assertThat(claims.path("iss").asLong()).isEqualTo(APP);
                assertThat(claims.path("iat").asLong()).isLessThanOrEqualTo(start.getEpochSecond());
                assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isLessThanOrEqualTo(600);
            });
            String token = only(f.github.installationTokens().keySet());
            assertThat(first.subList(2, first.size())).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));

            f.clock.set(start.plus(Duration.ofMinutes(49)));
            List<GitHubRequest> later = f.requestsDuring(() -> f.poll(poller));
            assertThat(later).as("eleven minutes left: the token is kept").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));

            f.clock.set(start.plus(Duration.ofMinutes(54)));
            List<GitHubRequest> renewed = f.requestsDuring(() -> f.poll(poller));
            assertThat(renewed.getFirst().line()).isEqualTo("POST /app/installations/" + INSTALLATION + "/access_tokens");
            assertThat(f.github.installationTokens()).hasSize(2);
            String next = f.github.installationTokens().keySet().stream().filter(t -> !t.equals(token)).findFirst()
                    .orElseThrow();
            assertThat(renewed.subList(1, renewed.size())).isNotEmpty().allSatisfy(r -> {
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + next);
                assertThat(r.status()).isIn(200, 304);
            });
            assertThat(f.github.installationTokens().get(token)).as("renewed before the old one ran out")
                    .isAfter(f.clock.instant());
        }
    }

    @Test
    void aMissingKeyFileIsOneLogLineAndThePollCarriesOn() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(GitHubPoller.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (PollFixture f = new PollFixture(dir)) {
            f.github.installApp(APP, rsa().getPublic(), INSTALLATION);
            f.settings = asApp(f, dir.resolve("missing.pem"));
            GitHubPoller poller = f.poller();
            assertThat(f.requestsDuring(() -> assertThat(f.poll(poller)).isEmpty())).isEmpty();
            f.clock.advance(PollFixture.EVERY);
            f.poll(poller);
        } finally {
            logger.detachAppender(logs);
        }
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).singleElement().satisfies(w -> {
            assertThat(w).contains("repo=octo/app", "missing.pem", "does not exist", "GITHUB_APP_PRIVATE_KEY_FILE");
            assertThat(w.lines()).hasSize(1);
        });
    }

    @Test
    void aPkcs8KeyIsReadToo() throws Exception {
        KeyPair keys = rsa();
        Path pem = dir.resolve("app8.pem");
        Files.writeString(pem, "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n");
        String jwt = AppJwt.sign(APP, PemKey.read(pem), Instant.parse("2026-11-25T09:00:00Z"));
        assertThat(FakeGitHub.jwtClaims(jwt, keys.getPublic()).path("iss").asLong()).isEqualTo(APP);
    }

    static KeyPair rsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    /** The key as GitHub hands it out: PKCS#1, the OCTET STRING inside the JDK's PKCS#8 encoding. */
    static Path writePkcs1(KeyPair keys, Path file) throws Exception {
        byte[] pkcs8 = keys.getPrivate().getEncoded();
        assertThat(pkcs8[22]).as("an OCTET STRING with a two-byte length").isEqualTo((byte) 0x04);
        assertThat(pkcs8[23]).isEqualTo((byte) 0x82);
        byte[] pkcs1 = Arrays.copyOfRange(pkcs8, 26, pkcs8.length);
        Files.writeString(file, "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1)
                + "\n-----END RSA PRIVATE KEY-----\n");
        return file;
    }

    private static GitHubSettings asApp(PollFixture f, Path key) {
        return new GitHubSettings(f.settings.repos(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                f.settings.apiUrl(), PollFixture.EVERY, Optional.of(new GitHubSettings.App(APP, key, Optional.empty())));
    }

    private static String only(java.util.Set<String> tokens) {
        assertThat(tokens).hasSize(1);
        return tokens.iterator().next();
    }
}
