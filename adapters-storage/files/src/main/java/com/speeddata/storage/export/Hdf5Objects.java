package com.speeddata.storage.export;

import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The 8-byte element types of the export datasets, little-endian whatever the platform, as jHDF's datatype
 * classes encode them.
 *
 * <p>Dimensions are written as 8-byte lengths, so a 1-D dataset may hold up to {@code Long.MAX_VALUE / 8}
 * elements here; jHDF's {@code int[]} dimensions only limit reading such files back with jHDF.
 */
final class Hdf5Objects {
    static final int ELEMENT_BYTES = 8;
    static final DataType INT64 = littleEndian(new FixedPoint(ELEMENT_BYTES));
    static final DataType FLOAT64 = littleEndian(FloatingPoint.DOUBLE);

    private Hdf5Objects() {}

    /** Bytes of {@code length} elements, failing rather than overflowing. */
    static long dataBytes(long length) {
        return Math.multiplyExact(length, ELEMENT_BYTES);
    }

    /**
     * jHDF types its numbers in the platform's byte order; the export files are little-endian everywhere. Reading
     * the encoded type back with the byte-order bit cleared gives the same type, little-endian.
     */
    private static DataType littleEndian(DataType platformType) {
        ByteBuffer encoded = platformType.toBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        bytes[1] &= (byte) ~1; // bit 0 of the class bit field: 0 = little-endian
        return DataType.readDataType(ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN));
    }
}
