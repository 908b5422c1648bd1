package com.speeddata.storage.export;

import io.jhdf.Superblock;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Places a tree of {@link Hdf5Node}s in one file that is written front to back, so that it can stream to a
 * network response as it is produced: the superblock (version 2) at 0, the root group's header at 64, then every
 * dataset's data in depth-first link order, then the other objects' headers in the same order, then the global
 * heap. Every header's size is known before any address (addresses and heap ids have fixed widths), and the heap's
 * size is reserved at layout time from the placeholders the caller put, so the superblock's end-of-file address is
 * known before the first byte. The headers after the data can therefore carry what only the data tells (the
 * export receipt): {@link #writeHead} goes first, the caller streams the data, {@link #writeTail} ends the file.
 * A file cut short has a superblock whose end-of-file lies beyond its end, which HDF5 readers refuse as truncated.
 */
final class Hdf5FileLayout {
    static final long ROOT_ADDRESS = 64;

    private final Hdf5Group root;
    private final Map<Hdf5Node, Long> addresses = new IdentityHashMap<>();
    private final Map<Hdf5Node, Integer> headerSizes = new IdentityHashMap<>();
    private final List<Hdf5Node> order = new ArrayList<>();
    private final long heapAddress;
    private final int heapBytes;
    private Hdf5GlobalHeap heap;

    Hdf5FileLayout(Hdf5Group root) {
        this.root = root;
        collect(root);
        long position = ROOT_ADDRESS;
        for (Hdf5Node node : order) {
            headerSizes.put(node, node.header(Hdf5Refs.MEASURING).remaining());
        }
        addresses.put(root, position);
        position += headerSizes.get(root);
        for (Hdf5Node node : order) {
            if (node instanceof Hdf5Dataset dataset) {
                dataset.placeData(position);
                position = Math.addExact(position, dataset.dataBytes());
            }
        }
        for (Hdf5Node node : order) {
            if (node != root) {
                addresses.put(node, position);
                position += headerSizes.get(node);
            }
        }
        this.heapAddress = position;
        Hdf5GlobalHeap measured = new Hdf5GlobalHeap(heapAddress);
        order.forEach(node -> node.header(refs(measured)));
        this.heapBytes = measured.encode().remaining();
    }

    /** Depth-first link order, each object once (a hard link such as a channel's {@code time} is not a copy). */
    private void collect(Hdf5Node node) {
        if (headerSizes.containsKey(node)) {
            return;
        }
        headerSizes.put(node, 0);
        order.add(node);
        if (node instanceof Hdf5Group group) {
            group.links().values().forEach(this::collect);
        }
    }

    /** The size of the whole file. */
    long fileBytes() {
        return heapAddress + heapBytes;
    }

    /** Writes the superblock and the root group's header: what comes before the first dataset's data. */
    void writeHead(Hdf5WriteSession session) {
        heap = new Hdf5GlobalHeap(heapAddress);
        session.write(new Superblock.SuperblockV2V3().toBuffer(fileBytes()), 0);
        session.padTo(ROOT_ADDRESS);
        writeHeader(session, root);
    }

    /** Writes every other header and the global heap; the data must be written already. */
    void writeTail(Hdf5WriteSession session) {
        for (Hdf5Node node : order) {
            if (node != root) {
                writeHeader(session, node);
            }
        }
        session.write(heap.encode(heapBytes), heapAddress);
    }

    private void writeHeader(Hdf5WriteSession session, Hdf5Node node) {
        ByteBuffer header = node.header(refs(heap));
        if (header.remaining() != headerSizes.get(node)) {
            throw new IllegalStateException("the header of " + node.path() + " changed size after layout ("
                    + headerSizes.get(node) + " -> " + header.remaining() + " bytes)");
        }
        session.write(header, addresses.get(node));
    }

    private Hdf5Refs refs(Hdf5GlobalHeap into) {
        return new Hdf5Refs() {
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
                out.putLong(into.address()).putInt(into.add(object));
            }
        };
    }
}
