package com.speeddata.storage.export;

import io.jhdf.api.Group;
import io.jhdf.api.NodeType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfFileChannel;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * A contiguous 1-D dataset of {@code length} values of its type (8 bytes, or 1 for the quality flags), pulled from
 * its source block by block when jHDF writes it: the object header first, then the data right after it. The source
 * is opened only then and always closed; it must give exactly {@code length} values.
 *
 * <p>Attributes known only once the data is written (the export receipt) are put by an {@link #afterData} action:
 * then the header's room is reserved with the attributes' placeholders, which must encode at least as long as the
 * final values, the data is written after that room, and the header is written last, into it.
 */
final class StreamedDataset extends StreamedNode {
    private final DataType type;
    private final long length;
    private final Supplier<ValueStream> source;
    private final Hdf5WriteSession session;
    private final String label;
    private Runnable afterData;

    StreamedDataset(Group parent, String name, DataType type, long length, Supplier<ValueStream> source,
                    Hdf5WriteSession session, String label) {
        super(parent, name);
        Hdf5Objects.dataBytes(type, length); // fail now, not at close, when the size cannot be expressed
        this.type = type;
        this.length = length;
        this.source = source;
        this.session = session;
        this.label = label;
    }

    /** Runs {@code action} once the data is written and before the header is, to put late attributes. */
    void afterData(Runnable action) {
        afterData = action;
    }

    @Override
    public long write(HdfFileChannel file, long position) {
        session.attach(file);
        int headerSize = Hdf5Objects.datasetHeader(type, length, 0, getAttributes()).limit();
        long dataAddress = position + headerSize;
        if (afterData == null) {
            session.write(Hdf5Objects.datasetHeader(type, length, dataAddress, getAttributes()), position);
        }

        session.progress().begin("writing " + label);
        try (ValueStream values = source.get()) {
            session.copy(values, dataAddress, length, label, type.getSize());
        }
        if (afterData != null) {
            afterData.run();
            ByteBuffer header = Hdf5Objects.datasetHeader(type, length, dataAddress, getAttributes());
            if (header.limit() > headerSize) {
                throw new IllegalStateException(label + ": the late attributes need " + header.limit()
                        + " header bytes, " + headerSize + " were reserved");
            }
            session.write(header, position);
        }
        long end = dataAddress + Hdf5Objects.dataBytes(type, length);
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
        return Hdf5Objects.dataBytes(type, length);
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
