package com.speeddata.storage.export;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * One HDF5 attribute as this package writes it: its name, datatype and dataspace encodings, and a payload encoded
 * only when the object headers are written, once every object's address and the global heap's are known.
 *
 * <p>Text is variable-length UTF-8 (h5py reads it as {@code str}); its bytes go to the file's global heap, so the
 * header holds 16 bytes whatever the text's length. Only the Dimension Scale attributes {@code CLASS} and
 * {@code NAME} are fixed-length ASCII, as the HDF5 Dimension Scale specification (and readers such as h5netcdf,
 * which compares {@code CLASS} with {@code b"DIMENSION_SCALE"}) require.
 *
 * <p>An attribute's encoded size never depends on its value's addresses or on the heap, so a value known only
 * after the data is written (an export receipt) can replace a placeholder of the same kind before the headers are
 * written. Scalars and text keep their size; a {@link #referenceList} grows with the datasets attached.
 */
record Hdf5Attribute(String name, byte[] datatype, byte[] dataspace, Payload payload) {

    /** Encodes an attribute's data; {@code refs} resolves object addresses and stores heap objects. */
    interface Payload {
        void encode(ByteBuffer out, Hdf5Refs refs);

        int size();
    }

    /** Variable-length string, UTF-8, null-terminated; the parent type is an 8-bit char as the HDF5 library writes. */
    private static final byte[] VLEN_UTF8 = hex("1901010010000000" + "100000000100000000000800");
    /** A variable-length sequence of object references (DIMENSION_LIST's element type). */
    private static final byte[] VLEN_OBJECT_REFERENCES = hex("1900000010000000" + "1700000008000000");
    /**
     * The compound {@code {dataset: object reference, dimension: int32}} of REFERENCE_LIST, 16 bytes per element,
     * byte for byte as the HDF5 library's H5DSattach_scale writes it (a version 1 compound).
     */
    private static final byte[] REFERENCE_LIST_TYPE = hex("1602000010000000"
            + "6461746173657400" + "00000000" + "00000000" + "00000000" + "00000000" + "0".repeat(32)
            + "1700000008000000"
            + "64696d656e73696f6e00000000000000" + "08000000" + "00000000" + "00000000" + "00000000" + "0".repeat(32)
            + "10080000040000000000" + "2000");

    private static final int REFERENCE_LIST_ELEMENT = 16;
    private static final int HEAP_ID_BYTES = 4 + 8 + 4;

    Hdf5Attribute {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(datatype, "datatype");
        Objects.requireNonNull(dataspace, "dataspace");
        Objects.requireNonNull(payload, "payload");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("an attribute needs a name");
        }
    }

    /** A variable-length UTF-8 string. */
    static Hdf5Attribute text(String name, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        return new Hdf5Attribute(name, VLEN_UTF8, Hdf5Encoding.SCALAR, new Payload() {
            @Override
            public void encode(ByteBuffer out, Hdf5Refs refs) {
                out.putInt(utf8.length);
                refs.store(utf8, out);
            }

            @Override
            public int size() {
                return HEAP_ID_BYTES;
            }
        });
    }

    /** A fixed-length, null-terminated ASCII string: only for the Dimension Scale attributes that require one. */
    static Hdf5Attribute ascii(String name, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer type = Hdf5Encoding.buffer(8)
                .put((byte) 0x13)
                .put((byte) 0)
                .put((byte) 0)
                .put((byte) 0)
                .putInt(bytes.length + 1);
        return new Hdf5Attribute(
                name, type.array(), Hdf5Encoding.SCALAR, fixed(bytes.length + 1, (out, refs) -> out.put(bytes)
                        .put((byte) 0)));
    }

    static Hdf5Attribute float64(String name, double value) {
        return new Hdf5Attribute(
                name, Hdf5Encoding.FLOAT64, Hdf5Encoding.SCALAR, fixed(8, (out, refs) -> out.putDouble(value)));
    }

    static Hdf5Attribute int64(String name, long value) {
        return new Hdf5Attribute(
                name, Hdf5Encoding.INT64, Hdf5Encoding.SCALAR, fixed(8, (out, refs) -> out.putLong(value)));
    }

    static Hdf5Attribute int32(String name, int value) {
        return new Hdf5Attribute(
                name, Hdf5Encoding.INT32, Hdf5Encoding.SCALAR, fixed(4, (out, refs) -> out.putInt(value)));
    }

    /** A 1-D uint8 array (CF {@code flag_values} and the like). */
    static Hdf5Attribute uint8s(String name, byte[] values) {
        byte[] copy = values.clone();
        return new Hdf5Attribute(
                name,
                Hdf5Encoding.UINT8,
                Hdf5Encoding.vector(copy.length),
                fixed(copy.length, (out, refs) -> out.put(copy)));
    }

    /**
     * DIMENSION_LIST of a 1-D dataset: for its only dimension, a one-element sequence referencing {@code scale}.
     */
    static Hdf5Attribute dimensionList(Hdf5Dataset scale) {
        return new Hdf5Attribute("DIMENSION_LIST", VLEN_OBJECT_REFERENCES, Hdf5Encoding.vector(1), new Payload() {
            @Override
            public void encode(ByteBuffer out, Hdf5Refs refs) {
                ByteBuffer reference = Hdf5Encoding.buffer(8).putLong(refs.addressOf(scale));
                out.putInt(1);
                refs.store(reference.array(), out);
            }

            @Override
            public int size() {
                return HEAP_ID_BYTES;
            }
        });
    }

    /** REFERENCE_LIST of a dimension scale: each attached dataset with the dimension (0) it is attached to. */
    static Hdf5Attribute referenceList(List<Hdf5Dataset> attached) {
        return new Hdf5Attribute(
                "REFERENCE_LIST",
                REFERENCE_LIST_TYPE,
                Hdf5Encoding.vector(attached.size()),
                fixed(attached.size() * REFERENCE_LIST_ELEMENT, (out, refs) -> {
                    for (Hdf5Dataset dataset : attached) {
                        out.putLong(refs.addressOf(dataset)).putInt(0).putInt(0);
                    }
                }));
    }

    private static Payload fixed(int size, BiConsumer<ByteBuffer, Hdf5Refs> encoder) {
        return new Payload() {
            @Override
            public void encode(ByteBuffer out, Hdf5Refs refs) {
                int start = out.position();
                encoder.accept(out, refs);
                if (out.position() - start != size) {
                    throw new IllegalStateException(
                            "an attribute payload of " + size + " bytes encoded to " + (out.position() - start));
                }
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The attribute message (version 3, UTF-8 name) with its payload resolved through {@code refs}. */
    byte[] encode(Hdf5Refs refs) {
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(1
                        + 1
                        + 2
                        + 2
                        + 2
                        + 1
                        + nameBytes.length
                        + 1
                        + datatype.length
                        + dataspace.length
                        + payload.size())
                .order(ByteOrder.LITTLE_ENDIAN);
        out.put((byte) 3)
                .put((byte) 0)
                .putShort(Hdf5Encoding.u16(nameBytes.length + 1, "attribute name " + name))
                .putShort(Hdf5Encoding.u16(datatype.length, "datatype"))
                .putShort(Hdf5Encoding.u16(dataspace.length, "dataspace"))
                .put((byte) 1) // name is UTF-8
                .put(nameBytes)
                .put((byte) 0)
                .put(datatype)
                .put(dataspace);
        payload.encode(out, refs);
        if (out.hasRemaining()) {
            throw new IllegalStateException("attribute " + name + " encoded short of its size");
        }
        return out.array();
    }

    private static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits);
    }
}
