package com.speeddata.storage.export;

import io.jhdf.ObjectHeader;
import io.jhdf.api.Attribute;
import io.jhdf.api.WritableNode;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.message.AttributeInfoMessage;
import io.jhdf.object.message.AttributeMessage;
import io.jhdf.object.message.DataLayoutMessage.ContiguousDataLayoutMessage;
import io.jhdf.object.message.DataSpace;
import io.jhdf.object.message.DataSpaceMessage;
import io.jhdf.object.message.DataTypeMessage;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.GroupInfoMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import io.jhdf.object.message.Message;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes the HDF5 object headers of the nodes this package writes itself, with jHDF's own message classes, the
 * way jHDF 0.13 encodes its groups and contiguous datasets (object header v2, 8-byte addresses and lengths).
 *
 * <p>Dimensions are written as 8-byte lengths, so a 1-D dataset may hold up to {@code Long.MAX_VALUE / 8}
 * elements here; jHDF's {@code int[]} dimensions only limit its in-memory datasets, which this package avoids.
 */
final class Hdf5Objects {
    static final int ELEMENT_BYTES = 8;
    static final DataType INT64 = littleEndian(new FixedPoint(ELEMENT_BYTES));
    static final DataType FLOAT64 = littleEndian(FloatingPoint.DOUBLE);
    /** The quality flags' type: one unsigned byte per cell. */
    static final DataType UINT8 = littleEndian(new FixedPoint(1, false));

    /**
     * jHDF encodes each header message's size in 2 bytes, so one attribute over 64 KiB silently corrupts the file.
     * Text attributes are capped well below that.
     */
    static final int MAX_TEXT_ATTRIBUTE_BYTES = 16 * 1024;

    private Hdf5Objects() {
    }

    /** The object header of a contiguous 1-D dataset whose {@code length} elements start at {@code dataAddress}. */
    static ByteBuffer datasetHeader(DataType type, long length, long dataAddress, Map<String, Attribute> attributes) {
        List<Message> messages = new ArrayList<>();
        messages.add(DataTypeMessage.create(type));
        messages.add(DataSpaceMessage.create(vector(length)));
        messages.add(FillValueMessage.NO_FILL);
        messages.add(ContiguousDataLayoutMessage.create(dataAddress, dataBytes(type, length)));
        addAttributes(messages, attributes);
        return new ObjectHeader.ObjectHeaderV2(0, messages).toBuffer();
    }

    /** The object header of a group holding hard {@code links} (name to object header address). */
    static ByteBuffer groupHeader(Map<String, Long> links, Map<String, Attribute> attributes) {
        List<Message> messages = new ArrayList<>();
        messages.add(GroupInfoMessage.createBasic());
        messages.add(LinkInfoMessage.createBasic());
        addAttributes(messages, attributes);
        links.forEach((name, address) -> messages.add(LinkMessage.create(name, address)));
        return new ObjectHeader.ObjectHeaderV2(0, messages).toBuffer();
    }

    /** Bytes of {@code length} 8-byte elements, failing rather than overflowing. */
    static long dataBytes(long length) {
        return Math.multiplyExact(length, ELEMENT_BYTES);
    }

    /** Bytes of {@code length} elements of {@code type}, failing rather than overflowing. */
    static long dataBytes(DataType type, long length) {
        return Math.multiplyExact(length, type.getSize());
    }

    /** Puts a text attribute on the node at {@code path}, refusing one that jHDF could not encode. */
    static void putText(WritableNode node, String path, String name, String value) {
        checkText(path, name, value);
        node.putAttribute(name, value);
    }

    static void checkText(String path, String name, String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_TEXT_ATTRIBUTE_BYTES) {
            throw new IllegalArgumentException("attribute '" + name + "' of " + path + " is " + bytes
                    + " bytes long; at most " + MAX_TEXT_ATTRIBUTE_BYTES + " fit in an HDF5 attribute here");
        }
    }

    private static void addAttributes(List<Message> messages, Map<String, Attribute> attributes) {
        if (!attributes.isEmpty()) {
            messages.add(AttributeInfoMessage.create());
            attributes.forEach((name, attribute) -> messages.add(AttributeMessage.create(name, attribute)));
        }
    }

    /** A 1-D dataspace of {@code length} elements; jHDF only builds dataspaces from arrays, hence the detour. */
    private static DataSpace vector(long length) {
        return DataSpace.modifyDimensions(DataSpace.fromObject(new double[0]), new long[] {length});
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
