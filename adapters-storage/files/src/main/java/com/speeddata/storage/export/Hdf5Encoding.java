package com.speeddata.storage.export;

import io.jhdf.checksum.ChecksumUtils;
import io.jhdf.object.datatype.DataType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Byte encodings from the HDF5 File Format Specification (version 3) that jHDF 0.13 does not write, or not
 * publicly: version 2 object headers from raw messages, version 2 dataspaces, and the numeric datatypes.
 * Offsets and lengths are 8 bytes, as in the superblock this package writes.
 */
final class Hdf5Encoding {
    static final int DATASPACE = 1;
    static final int LINK_INFO = 2;
    static final int DATATYPE = 3;
    static final int FILL_VALUE = 5;
    static final int LINK = 6;
    static final int LAYOUT = 8;
    static final int GROUP_INFO = 10;
    static final int ATTRIBUTE = 12;
    static final int ATTRIBUTE_INFO = 21;

    static final byte[] SCALAR = {2, 0, 0, 0};
    static final byte[] INT64 = bytes(Hdf5Objects.INT64);
    static final byte[] FLOAT64 = bytes(Hdf5Objects.FLOAT64);
    /** Fixed-point, little-endian, signed (bit 3), 4 bytes, precision 32. */
    static final byte[] INT32 = HexFormat.of().parseHex("1008000004000000" + "00002000");
    /** Fixed-point, little-endian, unsigned, 1 byte, precision 8. */
    static final byte[] UINT8 = HexFormat.of().parseHex("1000000001000000" + "00000800");

    /** A header message's size is 2 bytes in the format: larger messages cannot be written. */
    static final int MAX_MESSAGE_BYTES = 0xFFFF;

    private static final byte[] OHDR = "OHDR".getBytes(StandardCharsets.US_ASCII);

    private Hdf5Encoding() {}

    /** One header message: its type and body. */
    record Message(int type, byte[] body) {}

    /** A version 2 object header holding {@code messages}, with its checksum; chunk size in 4 bytes. */
    static ByteBuffer objectHeader(List<Message> messages, String path) {
        int chunk = 0;
        for (Message message : messages) {
            if (message.body().length > MAX_MESSAGE_BYTES) {
                throw new IllegalArgumentException("a header message of " + path + " would be " + message.body().length
                        + " bytes; HDF5 header messages hold at most " + MAX_MESSAGE_BYTES);
            }
            chunk += 4 + message.body().length;
        }
        ByteBuffer out = buffer(4 + 1 + 1 + 4 + chunk + 4);
        out.put(OHDR).put((byte) 2).put((byte) 0b10).putInt(chunk);
        for (Message message : messages) {
            out.put((byte) message.type())
                    .putShort((short) message.body().length)
                    .put((byte) 0)
                    .put(message.body());
        }
        out.putInt(ChecksumUtils.checksum(Arrays.copyOf(out.array(), out.position())));
        return out.flip();
    }

    /** A version 2 dataspace of one dimension of {@code length} elements. */
    static byte[] vector(long length) {
        return buffer(4 + 8)
                .put((byte) 2)
                .put((byte) 1)
                .put((byte) 0)
                .put((byte) 1)
                .putLong(length)
                .array();
    }

    static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    static short u16(int value, String what) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(what + " is " + value + " bytes; at most 65535 fit");
        }
        return (short) value;
    }

    static byte[] bytes(DataType type) {
        ByteBuffer encoded = type.toBuffer();
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        return bytes;
    }

    static byte[] bytes(ByteBuffer message) {
        ByteBuffer copy = message.duplicate();
        copy.rewind();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
