package com.speeddata.storage.export;

import io.jhdf.object.message.GroupInfoMessage;
import io.jhdf.object.message.LinkInfoMessage;
import io.jhdf.object.message.LinkMessage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A group: hard links by name to other nodes, in the order linked (compact links in its header). */
final class Hdf5Group extends Hdf5Node {
    private final Map<String, Hdf5Node> links = new LinkedHashMap<>();

    Hdf5Group(String path) {
        super(path);
    }

    /** Links {@code node} under {@code name}; a node already linked elsewhere becomes a second hard link. */
    <T extends Hdf5Node> T link(String name, T node) {
        if (links.putIfAbsent(name, node) != null) {
            throw new IllegalArgumentException(path() + " already links " + name);
        }
        return node;
    }

    Map<String, Hdf5Node> links() {
        return Collections.unmodifiableMap(links);
    }

    @Override
    ByteBuffer header(Hdf5Refs refs) {
        List<Hdf5Encoding.Message> messages = new ArrayList<>();
        messages.add(new Hdf5Encoding.Message(
                Hdf5Encoding.GROUP_INFO,
                Hdf5Encoding.bytes(GroupInfoMessage.createBasic().toBuffer())));
        messages.add(new Hdf5Encoding.Message(
                Hdf5Encoding.LINK_INFO,
                Hdf5Encoding.bytes(LinkInfoMessage.createBasic().toBuffer())));
        messages.addAll(attributeMessages(refs));
        links.forEach((name, node) -> messages.add(new Hdf5Encoding.Message(
                Hdf5Encoding.LINK,
                Hdf5Encoding.bytes(
                        LinkMessage.create(name, refs.addressOf(node)).toBuffer()))));
        return Hdf5Encoding.objectHeader(messages, path());
    }
}
