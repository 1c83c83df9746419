package dev.kairos.notify;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A Web Push payload encrypted as RFC 8291 says (the {@code aes128gcm} content coding of RFC 8188, one record of
 * 4,096 bytes). The salt and the sender's one-time key pair are parameters, so the RFC's worked example can be
 * checked byte for byte; a real send passes fresh random ones.
 */
final class Aes128Gcm {
    static final int RECORD_SIZE = 4096;
    /** The most plaintext one record holds: 4,096 less the 16-byte tag and the 1-byte delimiter. */
    static final int MAX_PLAINTEXT = RECORD_SIZE - 16 - 1;
    private static final byte[] WEBPUSH_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] KEY_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);

    private Aes128Gcm() {}

    /**
     * The message body: salt (16) | rs (4) | idlen (1) | the sender's public key (65) | ciphertext.
     *
     * @param uaPublic the browser's key, 65 bytes uncompressed (the subscription's p256dh)
     * @param authSecret the subscription's 16-byte auth secret
     * @param sender a one-time P-256 key pair (never the VAPID keys)
     */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, byte[] salt, KeyPair sender) {
        if (plaintext.length > MAX_PLAINTEXT) throw new IllegalArgumentException("payload over one record");
        if (salt.length != 16) throw new IllegalArgumentException("the salt must be 16 bytes");
        try {
            byte[] asPublic = uncompressed((ECPublicKey) sender.getPublic());
            KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
            ecdh.init(sender.getPrivate());
            ecdh.doPhase(publicKey(uaPublic), true);
            byte[] ecdhSecret = ecdh.generateSecret();
            // RFC 8291 3.4: IKM from the ECDH secret keyed by the auth secret, then CEK and nonce (RFC 8188 2.2)
            byte[] ikm = hkdf(authSecret, ecdhSecret, concat(WEBPUSH_INFO, uaPublic, asPublic), 32);
            byte[] cek = hkdf(salt, ikm, KEY_INFO, 16);
            byte[] nonce = hkdf(salt, ikm, NONCE_INFO, 12);
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
            byte[] ciphertext = aes.doFinal(concat(plaintext, new byte[] {2})); // 0x02: the last record, no padding
            byte[] rs = {(byte) (RECORD_SIZE >>> 24), (byte) (RECORD_SIZE >>> 16), (byte) (RECORD_SIZE >>> 8),
                (byte) RECORD_SIZE};
            return concat(salt, rs, new byte[] {(byte) asPublic.length}, asPublic, ciphertext);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot encrypt to this subscription's key: " + e.getMessage(), e);
        }
    }

    /** A P-256 public key from its 65-byte uncompressed form; IllegalArgumentException when it is not one. */
    static ECPublicKey publicKey(byte[] uncompressed) {
        if (uncompressed.length != 65 || uncompressed[0] != 4) {
            throw new IllegalArgumentException("not an uncompressed P-256 public key (65 bytes starting 0x04)");
        }
        try {
            ECPoint w = new ECPoint(new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33)),
                    new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65)));
            return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, p256()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a point on P-256: " + e.getMessage(), e);
        }
    }

    static byte[] uncompressed(ECPublicKey key) {
        byte[] out = new byte[65];
        out[0] = 4;
        copyFixed(key.getW().getAffineX(), out, 1);
        copyFixed(key.getW().getAffineY(), out, 33);
        return out;
    }

    static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp256r1"));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    /** HKDF-SHA256 (RFC 5869) for at most 32 bytes: one expand block. */
    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(salt, "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        return Arrays.copyOf(mac.doFinal(concat(info, new byte[] {1})), length);
    }

    private static void copyFixed(BigInteger n, byte[] out, int at) {
        byte[] b = n.toByteArray(); // big-endian, maybe with a leading 0 or shorter than 32
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, at + 32 - len, len);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) out.writeBytes(p);
        return out.toByteArray();
    }
}
