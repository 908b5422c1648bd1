package com.speeddata.storage.export;

import io.jhdf.Superblock;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a tree of {@link Hdf5Node}s in one file and writes its metadata: superblock (version 2) at 0, the root
 * group's header at 64, then each object's header in depth-first link order, a dataset's data right after its
 * header, and the global heap after the last data. Every header's size is known before any address (addresses
 * and heap ids have fixed widths), so the caller streams the data first and {@link #writeMetadata} then writes
 * headers, heap and superblock (last, so a file cut short has no valid superblock).
 */
final class Hdf5FileLayout {
    static final long ROOT_ADDRESS = 64;

    private final Map<Hdf5Node, Long> addresses = new IdentityHashMap<>();
    private final Map<Hdf5Node, Integer> headerSizes = new IdentityHashMap<>();
    private final List<Hdf5Node> order = new ArrayList<>();
    private final long heapAddress;

    Hdf5FileLayout(Hdf5Group root) {
        long position = place(root, ROOT_ADDRESS);
        this.heapAddress = position;
    }

    private long place(Hdf5Node node, long position) {
        if (addresses.containsKey(node)) {
            return position;
        }
        addresses.put(node, position);
        order.add(node);
        int headerSize = node.header(Hdf5Refs.MEASURING).remaining();
        headerSizes.put(node, headerSize);
        long next = position + headerSize;
        if (node instanceof Hdf5Dataset dataset) {
            dataset.placeData(next);
            next = Math.addExact(next, dataset.dataBytes());
        } else if (node instanceof Hdf5Group group) {
            for (Hdf5Node child : group.links().values()) {
                next = place(child, next);
            }
        }
        return next;
    }

    /** Writes every header, the global heap and the superblock; the data must be written already. */
    void writeMetadata(Hdf5WriteSession session) {
        Hdf5GlobalHeap heap = new Hdf5GlobalHeap(heapAddress);
        Hdf5Refs refs = new Hdf5Refs() {
            @Override
            public long addressOf(Hdf5Node node) {
                Long address = addresses.get(node);
                if (address == null) {
                    throw new IllegalStateException(node.path() + " is referenced but not linked in the file");
                }
                return address;
            }

            @Override
            public void store(byte[] object, ByteBuffer out) {
                out.putLong(heap.address()).putInt(heap.add(object));
            }
        };
        for (Hdf5Node node : order) {
            ByteBuffer header = node.header(refs);
            if (header.remaining() != headerSizes.get(node)) {
                throw new IllegalStateException("the header of " + node.path() + " changed size after layout ("
                        + headerSizes.get(node) + " -> " + header.remaining() + " bytes)");
            }
            session.write(header, addresses.get(node));
        }
        ByteBuffer collection = heap.encode();
        long end = heapAddress + collection.remaining();
        session.write(collection, heapAddress);
        session.write(new Superblock.SuperblockV2V3().toBuffer(end), 0);
    }
}
