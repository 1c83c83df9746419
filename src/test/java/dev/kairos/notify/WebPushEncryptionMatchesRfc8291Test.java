package dev.kairos.notify;

import static dev.kairos.notify.Rfc8291Decryption.b64;
import static org.assertj.core.api.Assertions.assertThat;

import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The payload encryption is RFC 8291's: the keys, salt and plaintext of its worked example (section 5, appendix A)
 * give its exact message, and an independent decryption written from the RFC reads back what Kairos encrypts.
 */
class WebPushEncryptionMatchesRfc8291Test {
    static final String PLAINTEXT = "When I grow up, I want to be a watermelon";
    static final String AS_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String AS_PRIVATE = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    static final String UA_PUBLIC = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    static final String UA_PRIVATE = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    static final String SALT = "DGv6ra1nlYgDCS1FRnbzlw";
    static final String AUTH = "BTBZMqHH6r4Tts7J_aSIgg";
    /** RFC 8291 section 5, the whole message: header (salt, rs 4096, idlen 65, as_public), then the ciphertext. */
    static final String MESSAGE = """
            DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27ml
            mlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPT
            pK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN""";

    private static KeyPair rfcApplicationServerKeys() throws Exception {
        return new KeyPair(Rfc8291Decryption.publicKey(b64(AS_PUBLIC)), Rfc8291Decryption.privateKey(b64(AS_PRIVATE)));
    }

    @Test
    void theRfcsKeysSaltAndPlaintextGiveItsExactMessage() throws Exception {
        byte[] body = Aes128Gcm.encrypt(PLAINTEXT.getBytes(StandardCharsets.UTF_8), b64(UA_PUBLIC), b64(AUTH),
                b64(SALT), rfcApplicationServerKeys());
        assertThat(body).isEqualTo(b64(MESSAGE));
    }

    @Test
    void theTestsDecryptionReadsTheRfcsMessage() throws Exception {
        byte[] plain = Rfc8291Decryption.decrypt(b64(MESSAGE), b64(UA_PRIVATE), b64(UA_PUBLIC), b64(AUTH));
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo(PLAINTEXT);
    }

    @Test
    void whatKairosEncryptsToAFreshBrowserKeyDecryptsIndependently() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair browser = g.generateKeyPair();
        byte[] uaPublic = Aes128Gcm.uncompressed((ECPublicKey) browser.getPublic());
        byte[] uaPrivate = ((java.security.interfaces.ECPrivateKey) browser.getPrivate()).getS().toByteArray();
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        byte[] plaintext = new byte[Aes128Gcm.MAX_PLAINTEXT]; // the largest payload one record holds
        new Random(7).nextBytes(plaintext);

        byte[] body = Aes128Gcm.encrypt(plaintext, uaPublic, auth, salt, g.generateKeyPair());

        assertThat(body.length).isEqualTo(16 + 4 + 1 + 65 + plaintext.length + 1 + 16);
        assertThat(Rfc8291Decryption.decrypt(body, uaPrivate, uaPublic, auth)).isEqualTo(plaintext);
    }

    @Test
    void theDecryptionAlsoReadsTheLibrarysOwnEncryption() throws Exception {
        // the library Kairos takes its VAPID keys and headers from encrypts the same way: the decryption is fair
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair browser = g.generateKeyPair();
        byte[] uaPublic = Aes128Gcm.uncompressed((ECPublicKey) browser.getPublic());
        byte[] auth = new byte[16];
        new SecureRandom().nextBytes(auth);
        byte[] body = new WebPush("mailto:kairos@localhost", VapidKeys.generate())
                .getBody(PLAINTEXT.getBytes(StandardCharsets.UTF_8), uaPublic, auth);
        byte[] uaPrivate = ((java.security.interfaces.ECPrivateKey) browser.getPrivate()).getS().toByteArray();
        assertThat(new String(Rfc8291Decryption.decrypt(body, uaPrivate, uaPublic, auth), StandardCharsets.UTF_8))
                .isEqualTo(PLAINTEXT);
    }
}
