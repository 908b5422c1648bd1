package com.speeddata.storage.export;

import io.jhdf.object.message.AttributeInfoMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HDF5 object this package writes: a {@link Hdf5Group} or a {@link Hdf5Dataset}, with its attributes in the
 * order put. Its address is set by {@link Hdf5FileLayout}; the same node linked twice is one object (a hard link).
 */
abstract sealed class Hdf5Node permits Hdf5Group, Hdf5Dataset {
    private final String path;
    private final Map<String, Hdf5Attribute> attributes = new LinkedHashMap<>();

    Hdf5Node(String path) {
        this.path = path;
    }

    /** The path it is first linked under, for messages. */
    String path() {
        return path;
    }

    /** Puts (or replaces) an attribute. */
    void put(Hdf5Attribute attribute) {
        attributes.put(attribute.name(), attribute);
    }

    /** Puts a variable-length UTF-8 string attribute. */
    void putText(String name, String value) {
        put(Hdf5Attribute.text(name, value));
    }

    Map<String, Hdf5Attribute> attributes() {
        return attributes;
    }

    /** The object header, with addresses and heap ids resolved by {@code refs}. */
    abstract ByteBuffer header(Hdf5Refs refs);

    /** The attribute info message and one attribute message per attribute (none when there are none). */
    final List<Hdf5Encoding.Message> attributeMessages(Hdf5Refs refs) {
        List<Hdf5Encoding.Message> messages = new ArrayList<>();
        if (!attributes.isEmpty()) {
            messages.add(new Hdf5Encoding.Message(
                    Hdf5Encoding.ATTRIBUTE_INFO,
                    Hdf5Encoding.bytes(AttributeInfoMessage.create().toBuffer())));
            for (Hdf5Attribute attribute : attributes.values()) {
                messages.add(new Hdf5Encoding.Message(Hdf5Encoding.ATTRIBUTE, attribute.encode(refs)));
            }
        }
        return messages;
    }
}
