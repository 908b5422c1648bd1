package com.speeddata.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackgroundSha256Test {

    @Test
    void digest_is_the_sha256_of_the_bytes_whatever_the_write_sizes_across_chunks() throws Exception {
        byte[] data = new byte[BackgroundSha256.CHUNK_BYTES * (BackgroundSha256.CHUNKS + 3) + 12_345];
        Random random = new Random(7);
        random.nextBytes(data);
        try (BackgroundSha256 sha = new BackgroundSha256()) {
            int at = 0;
            while (at < data.length) {
                int n = Math.min(
                        data.length - at, random.nextInt(3) == 0 ? 1 + random.nextInt(16) : random.nextInt(600_000));
                ByteBuffer piece = random.nextBoolean()
                        ? ByteBuffer.wrap(data, at, n)
                        : ByteBuffer.allocateDirect(n).put(data, at, n).flip();
                sha.update(piece);
                assertFalse(piece.hasRemaining());
                at += n;
            }
            assertEquals(
                    HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(data)),
                    sha.hex());
            assertThrows(IllegalStateException.class, sha::hex);
        }
    }

    @Test
    void no_bytes_is_the_empty_digest() throws Exception {
        try (BackgroundSha256 sha = new BackgroundSha256()) {
            assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", sha.hex());
        }
    }

    @Test
    void closing_before_the_end_stops_the_hashing_thread() throws Exception {
        BackgroundSha256 sha = new BackgroundSha256();
        sha.update(ByteBuffer.allocate(BackgroundSha256.CHUNK_BYTES * 2));
        long before = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("sha-256"))
                .count();
        sha.close();
        for (int i = 0;
                i < 200
                        && Thread.getAllStackTraces().keySet().stream()
                                .anyMatch(t -> t.getName().equals("sha-256") && t.isAlive());
                i++) {
            Thread.sleep(10);
        }
        assertEquals(
                0,
                Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> t.getName().equals("sha-256") && t.isAlive())
                        .count(),
                "threads before close: " + before);
    }
}
