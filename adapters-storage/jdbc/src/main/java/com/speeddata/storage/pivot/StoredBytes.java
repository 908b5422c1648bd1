package com.speeddata.storage.pivot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A binary column's bytes without the copy {@code getBytes} makes on H2: H2 hands out a copy of its value there, but
 * its binary stream reads the value's own array, which {@code transferTo} passes on whole. The array is the
 * driver's and must not be written to; nothing here writes to chunk bytes (see {@link EncodedChunk}). On
 * PostgreSQL both calls give the received bytes as they are.
 */
final class StoredBytes extends OutputStream {
    private byte[] whole;
    private ByteArrayOutputStream pieces;

    private StoredBytes() {}

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
        StoredBytes bytes = new StoredBytes();
        in.transferTo(bytes);
        return bytes.bytes();
    }

    @Override
    public void write(byte[] b, int off, int len) {
        if (whole == null && pieces == null && off == 0 && len == b.length) {
            whole = b;
            return;
        }
        spill().write(b, off, len);
    }

    @Override
    public void write(int b) {
        spill().write(b);
    }

    private ByteArrayOutputStream spill() {
        if (pieces == null) {
            pieces = new ByteArrayOutputStream();
            if (whole != null) {
                pieces.writeBytes(whole);
                whole = null;
            }
        }
        return pieces;
    }

    private byte[] bytes() {
        if (pieces != null) {
            return pieces.toByteArray();
        }
        return whole != null ? whole : new byte[0];
    }
}
