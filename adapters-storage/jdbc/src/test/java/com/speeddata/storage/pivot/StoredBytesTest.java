package com.speeddata.storage.pivot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The copy {@link StoredBytes} saves, and the copy it still makes for a stream that reads in pieces. */
class StoredBytesTest {
    private static final byte[] VALUE = bytes(100_000);

    @Test
    void an_array_stream_hands_over_its_own_array() throws IOException {
        assertSame(VALUE, StoredBytes.all(new ByteArrayInputStream(VALUE)));
    }

    @Test
    void a_stream_over_part_of_an_array_gives_a_copy_of_that_part() throws IOException {
        byte[] part = StoredBytes.all(new ByteArrayInputStream(VALUE, 10, 500));
        assertEquals(500, part.length);
        assertEquals(VALUE[10], part[0]);
        assertEquals(VALUE[509], part[499]);
    }

    @Test
    void a_stream_that_reads_in_pieces_gives_every_byte_in_order() throws IOException {
        InputStream pieces = new BufferedInputStream(new ByteArrayInputStream(VALUE), 4096) {
            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 777)); // odd sizes, so that no piece is a whole array
            }
        };
        assertArrayEquals(VALUE, StoredBytes.all(pieces));
    }

    @Test
    void a_stream_that_reads_whole_buffers_it_reuses_gives_a_copy_of_every_piece() throws IOException {
        // InputStream.transferTo reads into one buffer again and again: keeping the first one would lose bytes
        InputStream reusing = new FilterInputStream(new ByteArrayInputStream(VALUE)) {};
        byte[] read = StoredBytes.all(reusing);
        assertArrayEquals(VALUE, read);
    }

    @Test
    void an_empty_value_is_an_empty_array() throws IOException {
        assertEquals(0, StoredBytes.all(new ByteArrayInputStream(new byte[0])).length);
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }
}
