package com.speeddata.jobs.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An API key as the caller holds it: {@code sd_<key id>_<secret>}, lower-case hex, a 64-bit id (which names the key
 * in logs and listings) and a 256-bit secret. The prefix makes a leaked key easy to find with secret scanners, as
 * GitHub's and Stripe's do. The secret is random enough that a plain SHA-256 is a safe stored form (a slow password
 * hash protects guessable secrets; these are not guessable), and it keeps checking a key cheap.
 */
public record KeyToken(String id, String secret) {
    private static final String PREFIX = "sd_";
    private static final int ID_LENGTH = 16;
    private static final int SECRET_LENGTH = 64;
    private static final int LENGTH = PREFIX.length() + ID_LENGTH + 1 + SECRET_LENGTH;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    public KeyToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(secret, "secret");
    }

    /** A new key from the system's strong random source. */
    public static KeyToken generate() {
        byte[] id = new byte[8];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(id);
        RANDOM.nextBytes(secret);
        return new KeyToken(HEX.formatHex(id), HEX.formatHex(secret));
    }

    /**
     * The token in exactly the issued form, {@code sd_[0-9a-f]{16}_[0-9a-f]{64}}; anything else (other case,
     * padding, truncation) is empty. Checked by hand, not with a regex: it runs on every request.
     */
    public static Optional<KeyToken> parse(String text) {
        int idEnd = PREFIX.length() + ID_LENGTH;
        if (text == null
                || text.length() != LENGTH
                || !text.startsWith(PREFIX)
                || text.charAt(idEnd) != '_'
                || !lowerHex(text, PREFIX.length(), idEnd)
                || !lowerHex(text, idEnd + 1, LENGTH)) {
            return Optional.empty();
        }
        return Optional.of(new KeyToken(text.substring(PREFIX.length(), idEnd), text.substring(idEnd + 1)));
    }

    private static boolean lowerHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    /** The stored form of the secret: its SHA-256, hex. */
    public String secretHash() {
        return HEX.formatHex(sha256(secret));
    }

    /** True when {@code storedHash} is this secret's hash; compares in constant time. */
    public boolean matches(String storedHash) {
        byte[] expected;
        try {
            expected = HEX.parseHex(storedHash);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(expected, sha256(secret));
    }

    /** One digest a thread: looking SHA-256 up among the security providers cost more than hashing a key. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private static byte[] sha256(String text) {
        return SHA_256.get().digest(text.getBytes(StandardCharsets.US_ASCII));
    }

    /** The key as handed to its holder, once. */
    public String reveal() {
        return PREFIX + id + "_" + secret;
    }

    /** Never the secret: a token printed by mistake names only its key. */
    @Override
    public String toString() {
        return PREFIX + id + "_…";
    }
}
