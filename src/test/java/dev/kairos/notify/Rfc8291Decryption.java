package dev.kairos.notify;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The browser's side of RFC 8291, written for the tests from the RFC (sections 3.3, 3.4, 4) and RFC 8188 (2.1, 2.2)
 * with nothing but JDK crypto, sharing no code with Kairos's encryption: a push body back to its plaintext.
 */
final class Rfc8291Decryption {
    private Rfc8291Decryption() {}

    static byte[] b64(String text) {
        return Base64.getUrlDecoder().decode(text.replaceAll("\\s", ""));
    }

    /** Decrypts with the user agent's private key and auth secret; its public key is {@code uaPublic}. */
    static byte[] decrypt(byte[] body, byte[] uaPrivate, byte[] uaPublic, byte[] authSecret) throws Exception {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int rs = in.getInt();
        int idlen = in.get() & 0xff;
        byte[] asPublic = new byte[idlen];
        in.get(asPublic); // RFC 8291 section 4: keyid is the application server's ECDH public key
        byte[] record = new byte[in.remaining()];
        in.get(record);
        if (idlen != 65 || record.length > rs) throw new IllegalStateException("not one aes128gcm record");

        KeyAgreement ka = KeyAgreement.getInstance("ECDH");
        ka.init(privateKey(uaPrivate));
        ka.doPhase(publicKey(asPublic), true);
        byte[] ecdhSecret = ka.generateSecret();
        // PRK_key = HMAC-SHA-256(auth_secret, ecdh_secret); IKM = HMAC-SHA-256(PRK_key, key_info || 0x01)
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic);
        byte[] ikm = expand(hmac(authSecret, ecdhSecret), keyInfo, 32);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = expand(prk, "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), 16);
        byte[] nonce = expand(prk, "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), 12);

        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] padded = gcm.doFinal(record);
        int end = padded.length - 1;
        while (end >= 0 && padded[end] == 0) end--; // RFC 8188 2: padding is zeros after the delimiter
        if (end < 0 || padded[end] != 2) throw new IllegalStateException("the last record must end with 0x02");
        return Arrays.copyOf(padded, end);
    }

    static PrivateKey privateKey(byte[] d) throws Exception {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, d), p256()));
    }

    static PublicKey publicKey(byte[] uncompressed) throws Exception {
        ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p256()));
    }

    private static ECParameterSpec p256() throws Exception {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    /** HKDF-Expand (RFC 5869 2.3), every block, not only the first. */
    private static byte[] expand(byte[] prk, byte[] info, int length) throws Exception {
        byte[] out = new byte[0];
        byte[] t = new byte[0];
        for (int i = 1; out.length < length; i++) {
            t = hmac(prk, concat(t, info, new byte[] {(byte) i}));
            out = concat(out, t);
        }
        return Arrays.copyOf(out, length);
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) n += p.length;
        ByteBuffer b = ByteBuffer.allocate(n);
        for (byte[] p : parts) b.put(p);
        return b.array();
    }
}
