package com.speeddata.jobs.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An API key as the caller holds it: {@code sd_<key id>_<secret>}, lower-case hex, a 64-bit id (which names the key
 * in logs and listings) and a 256-bit secret. The prefix makes a leaked key easy to find with secret scanners, as
 * GitHub's and Stripe's do. The secret is random enough that a plain SHA-256 is a safe stored form (a slow password
 * hash protects guessable secrets; these are not guessable), and it keeps checking a key cheap.
 */
public record KeyToken(String id, String secret) {
    private static final Pattern FORMAT = Pattern.compile("sd_([0-9a-f]{16})_([0-9a-f]{64})");
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

    /** The token in exactly the issued form; anything else (other case, padding, truncation) is empty. */
    public static Optional<KeyToken> parse(String text) {
        if (text == null || text.length() != 3 + 16 + 1 + 64) {
            return Optional.empty();
        }
        Matcher matcher = FORMAT.matcher(text);
        return matcher.matches() ? Optional.of(new KeyToken(matcher.group(1), matcher.group(2))) : Optional.empty();
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

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The key as handed to its holder, once. */
    public String reveal() {
        return "sd_" + id + "_" + secret;
    }

    /** Never the secret: a token printed by mistake names only its key. */
    @Override
    public String toString() {
        return "sd_" + id + "_…";
    }
}
