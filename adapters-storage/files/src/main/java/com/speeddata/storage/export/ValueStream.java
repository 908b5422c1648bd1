package com.speeddata.storage.export;

import com.speeddata.pivot.export.AlignedCells;
import com.speeddata.pivot.export.DoubleBlockSource;
import com.speeddata.pivot.export.LongBlockSource;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** One column's values pulled block by block into a byte buffer, in the buffer's byte order. */
interface ValueStream extends AutoCloseable {

    /**
     * Puts the next values into {@code out} from its position, at most one scratch block of them, and returns how
     * many; 0 at the end. {@code out} has room for a whole block.
     */
    int read(ByteBuffer out);

    @Override
    void close();

    static ValueStream of(DoubleBlockSource source, double[] scratch) {
        return new ValueStream() {
            @Override
            public int read(ByteBuffer out) {
                int n = checked(source.read(scratch), scratch.length);
                out.asDoubleBuffer().put(scratch, 0, n);
                out.position(out.position() + n * Double.BYTES);
                return n;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** The quality flags of an aligned column, one byte each; its values are read into {@code values} and dropped. */
    static ValueStream qualityOf(AlignedCells source, double[] values, byte[] scratch) {
        return new ValueStream() {
            @Override
            public int read(ByteBuffer out) {
                int n = checked(source.read(values, scratch), Math.min(values.length, scratch.length));
                out.put(scratch, 0, n);
                return n;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    static ValueStream of(LongBlockSource source, long[] scratch) {
        return new ValueStream() {
            @Override
            public int read(ByteBuffer out) {
                int n = checked(source.read(scratch), scratch.length);
                out.asLongBuffer().put(scratch, 0, n);
                out.position(out.position() + n * Long.BYTES);
                return n;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** A direct little-endian buffer for {@code values} 8-byte values. */
    static ByteBuffer buffer(int values) {
        return ByteBuffer.allocateDirect(values * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int checked(int n, int capacity) {
        if (n < 0 || n > capacity) {
            throw new IllegalStateException("a block source returned " + n + " for a buffer of " + capacity);
        }
        return n;
    }
}
