package com.speeddata.http.ingest;

import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.sample.SampleBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code application/octet-stream} sample bodies: little-endian float64 values of a regular signal, sample i at
 * start + i / rate. Streams block by block; a NaN, an infinity or a trailing partial value fails the write.
 */
final class BinarySamplesReader extends BlockReader {
    private static final int VALUES_PER_BLOCK = JsonSamplesReader.BLOCK_SIZE;

    private final InputStream body;
    private final SignalDefinition signal;
    private final long start;
    private final byte[] bytes = new byte[VALUES_PER_BLOCK * Double.BYTES];
    private long index;

    BinarySamplesReader(InputStream body, SignalDefinition signal, long start) {
        if (!signal.isRegular()) {
            throw new InvalidRequestException(
                    "/start",
                    signal.key() + " is irregular (no sample_rate_hz); binary "
                            + "bodies need a regular signal, send JSON or CSV with timestamps instead");
        }
        this.body = body;
        this.signal = signal;
        this.start = start;
    }

    @Override
    protected SampleBlock readBlock() {
        int filled = readFully();
        if (filled % Double.BYTES != 0) {
            throw new InvalidRequestException(
                    "/body",
                    "the body length is not a multiple of 8 bytes; send whole " + "little-endian float64 values");
        }
        int size = filled / Double.BYTES;
        if (size < VALUES_PER_BLOCK) {
            finish();
        }
        if (size == 0) {
            return null;
        }
        double[] values = new double[size];
        ByteBuffer.wrap(bytes, 0, filled)
                .order(ByteOrder.LITTLE_ENDIAN)
                .asDoubleBuffer()
                .get(values);
        long[] times = new long[size];
        for (int i = 0; i < size; i++) {
            if (!Double.isFinite(values[i])) {
                throw new InvalidRequestException(
                        "/body",
                        "value " + (index + i) + " is " + values[i]
                                + "; NaN and infinities are not accepted (a gap can be sent as JSON null)");
            }
            times[i] = signal.sampleTime(start, index + i);
        }
        index += size;
        return new SampleBlock(times, values);
    }

    private int readFully() {
        try {
            return body.readNBytes(bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
