package com.speeddata.storage.export;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One global heap collection (HDF5 format spec III.E) holding the variable-length data of attributes: text and
 * DIMENSION_LIST's references. It is at least 4096 bytes, the HDF5 library's minimum collection size, which the
 * library reads whole; the rest is the free-space object.
 */
final class Hdf5GlobalHeap {
    static final int MIN_COLLECTION_BYTES = 4096;
    private static final int HEADER_BYTES = 16;
    private static final int OBJECT_HEADER_BYTES = 16;
    private static final int MAX_OBJECTS = 0xFFFF;

    private final long address;
    private final List<byte[]> objects = new ArrayList<>();
    private long usedBytes = HEADER_BYTES;

    Hdf5GlobalHeap(long address) {
        this.address = address;
    }

    long address() {
        return address;
    }

    /** Stores {@code object}; returns its index (1, 2, ...). */
    int add(byte[] object) {
        if (objects.size() == MAX_OBJECTS) {
            throw new IllegalStateException("more than " + MAX_OBJECTS + " heap objects in one export file");
        }
        objects.add(object.clone());
        usedBytes = Math.addExact(usedBytes, OBJECT_HEADER_BYTES + padded(object.length));
        return objects.size();
    }

    /** The collection, its free space object filling it to at least {@link #MIN_COLLECTION_BYTES}. */
    ByteBuffer encode() {
        return encode(Math.max(MIN_COLLECTION_BYTES, usedBytes + OBJECT_HEADER_BYTES));
    }

    /**
     * The collection at exactly {@code size} bytes, the free space object filling what its objects leave: the
     * size reserved at layout time from placeholders at least as long as the final texts.
     *
     * @throws IllegalStateException when the objects need more than {@code size}
     */
    ByteBuffer encode(long size) {
        if (size < MIN_COLLECTION_BYTES || usedBytes + OBJECT_HEADER_BYTES > size) {
            throw new IllegalStateException("the global heap needs " + (usedBytes + OBJECT_HEADER_BYTES) + " bytes; "
                    + size + " were reserved");
        }
        ByteBuffer out = Hdf5Encoding.buffer(Math.toIntExact(size));
        out.put("GCOL".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 1)
                .put(new byte[3])
                .putLong(size);
        for (int i = 0; i < objects.size(); i++) {
            byte[] object = objects.get(i);
            out.putShort((short) (i + 1))
                    .putShort((short) 1)
                    .putInt(0)
                    .putLong(object.length)
                    .put(object);
            out.position(out.position() + padded(object.length) - object.length);
        }
        out.putShort((short) 0).putShort((short) 0).putInt(0).putLong(size - usedBytes);
        return out.position(0);
    }

    private static int padded(int length) {
        return (length + 7) & ~7;
    }
}
