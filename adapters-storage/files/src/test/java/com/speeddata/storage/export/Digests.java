package com.speeddata.storage.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.LongToDoubleFunction;
import java.util.function.LongUnaryOperator;

/** SHA-256 of columns as little-endian 8-byte elements, to compare with what h5summary.py reports. */
final class Digests {
    private Digests() {}

    static String ofDoubles(long n, LongToDoubleFunction valueAt) {
        return of(n, i -> Double.doubleToRawLongBits(valueAt.applyAsDouble(i)));
    }

    static String ofDoubles(double[] values) {
        return ofDoubles(values.length, i -> values[(int) i]);
    }

    static String ofLongs(long[] values) {
        return of(values.length, i -> values[(int) i]);
    }

    /** SHA-256 of single bytes (a uint8 column). */
    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String of(long n, LongUnaryOperator bitsAt) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer buffer = ByteBuffer.allocate(8 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        for (long i = 0; i < n; i++) {
            if (!buffer.hasRemaining()) {
                digest.update(buffer.flip());
                buffer.clear();
            }
            buffer.putLong(bitsAt.applyAsLong(i));
        }
        digest.update(buffer.flip());
        return HexFormat.of().formatHex(digest.digest());
    }
}
