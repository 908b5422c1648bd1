package com.speeddata.storage.pivot;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A binary column's bytes without the copy {@code getBytes} makes on H2: H2 hands out a copy of its value there, but
 * its binary stream is a {@link ByteArrayInputStream} over the value's own array, whose {@code transferTo} (Java 17)
 * passes that array on whole. The array is the driver's and must not be written to; nothing here writes to chunk
 * bytes (see {@link EncodedChunk}). On PostgreSQL both calls give the received bytes as they are.
 *
 * <p>An array is kept only when it is certain to be the stream's own: a {@link ByteArrayInputStream} whose first
 * write is a whole array of exactly the bytes it had. Any other stream (or a runtime whose {@code transferTo} goes
 * through a buffer of its own) reads in pieces into a buffer it reuses, so its bytes are copied as they come.
 */
final class StoredBytes extends OutputStream {
    private final int expected;
    private byte[] whole;
    private ByteArrayOutputStream pieces;

    private StoredBytes(int expected) {
        this.expected = expected;
    }

    /** The column's bytes, or null for SQL NULL. */
    static byte[] of(ResultSet rs, int column) throws SQLException {
        try (InputStream in = rs.getBinaryStream(column)) {
            return in == null ? null : all(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything {@code in} holds: its own array when it hands that over whole, else a copy. */
    static byte[] all(InputStream in) throws IOException {
        StoredBytes bytes = new StoredBytes(in.getClass() == ByteArrayInputStream.class ? in.available() : -1);
        in.transferTo(bytes);
        return bytes.bytes();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (whole != null) {
            // more than the stream said it had: the kept array may have been refilled since
            throw new IllegalStateException("a binary stream gave more than its " + expected + " bytes");
        }
        if (pieces == null && off == 0 && len == b.length && len == expected) {
            whole = b;
            return;
        }
        pieces().write(b, off, len);
    }

    @Override
    public void write(int b) {
        if (whole != null) {
            throw new IllegalStateException("a binary stream gave more than its " + expected + " bytes");
        }
        pieces().write(b);
    }

    private ByteArrayOutputStream pieces() {
        if (pieces == null) {
            pieces = new ByteArrayOutputStream(Math.max(expected, 32));
        }
        return pieces;
    }

    private byte[] bytes() {
        if (whole != null) {
            return whole;
        }
        return pieces != null ? pieces.toByteArray() : new byte[0];
    }
}
