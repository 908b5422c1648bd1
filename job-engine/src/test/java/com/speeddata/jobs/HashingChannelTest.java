package com.speeddata.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HashingChannelTest {
    /** Takes at most 7 bytes a write, as a channel may, so that partial writes are hashed as far as they went. */
    private static final class Trickle implements WritableByteChannel {
        final ByteArrayOutputStream got = new ByteArrayOutputStream();

        @Override
        public int write(ByteBuffer source) {
            int n = Math.min(7, source.remaining());
            for (int i = 0; i < n; i++) {
                got.write(source.get());
            }
            return n;
        }

        @Override
        public boolean isOpen() {
            return true;
        }

        @Override
        public void close() {}
    }

    @Test
    void hashes_and_counts_exactly_the_bytes_that_went_through_partial_writes_included() throws Exception {
        byte[] data = new byte[10_000];
        new Random(3).nextBytes(data);
        Trickle sink = new Trickle();
        HashingChannel out = new HashingChannel(sink);
        ByteBuffer direct =
                ByteBuffer.allocateDirect(4_000).put(data, 6_000, 4_000).flip();
        for (ByteBuffer buffer : new ByteBuffer[] {ByteBuffer.wrap(data, 0, 6_000), direct}) {
            while (buffer.hasRemaining()) {
                out.write(buffer);
            }
        }
        assertEquals(10_000, out.bytes());
        assertEquals(
                HexFormat.of().formatHex(sink.got.toByteArray()), HexFormat.of().formatHex(data));
        assertEquals(
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)), out.sha256());
    }
}
