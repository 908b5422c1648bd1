package com.speeddata.storage.export;

import io.jhdf.api.Group;
import io.jhdf.api.NodeType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfFileChannel;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A contiguous 1-D dataset of {@code length} 8-byte values, pulled from its source block by block when jHDF
 * writes it: the object header first, then the data right after it. The source is opened only then and always
 * closed; it must give exactly {@code length} values.
 */
final class StreamedDataset extends StreamedNode {
    private final DataType type;
    private final long length;
    private final Supplier<ValueStream> source;
    private final Hdf5WriteSession session;
    private final String label;

    StreamedDataset(Group parent, String name, DataType type, long length, Supplier<ValueStream> source,
                    Hdf5WriteSession session, String label) {
        super(parent, name);
        Hdf5Objects.dataBytes(length); // fail now, not at close, when the size cannot be expressed
        this.type = type;
        this.length = length;
        this.source = source;
        this.session = session;
        this.label = label;
    }

    @Override
    public long write(HdfFileChannel file, long position) {
        session.attach(file);
        int headerSize = Hdf5Objects.datasetHeader(type, length, 0, getAttributes()).limit();
        long dataAddress = position + headerSize;
        ByteBuffer header = Hdf5Objects.datasetHeader(type, length, dataAddress, getAttributes());
        session.write(header, position);

        session.progress().begin("writing " + label);
        try (ValueStream values = source.get()) {
            session.copy(values, dataAddress, length, label);
        }
        long end = dataAddress + Hdf5Objects.dataBytes(length);
        // jHDF appends its own trailer at the channel's position once every node is written.
        file.position(end);
        return end;
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public long getSize() {
        return length;
    }

    @Override
    public long getSizeInBytes() {
        return Hdf5Objects.dataBytes(length);
    }

    @Override
    public long[] getDimensionsAsLong() {
        return new long[] {length};
    }

    @Override
    public NodeType getType() {
        return NodeType.DATASET;
    }

    @Override
    public boolean isGroup() {
        return false;
    }
}
