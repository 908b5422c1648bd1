package com.speeddata.storage.export;

import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import io.jhdf.api.Attribute;
import io.jhdf.api.Group;
import io.jhdf.api.NodeType;
import io.jhdf.api.WritableAttributeImpl;
import io.jhdf.object.datatype.DataType;
import io.jhdf.storage.HdfFileChannel;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The raw layout's {@code /<channel>/<signal>} group with its {@code time} (int64[n]) and {@code value}
 * (float64[n]) datasets, written in one pass over the signal's sample cursor: both datasets' places in the file
 * are known up front from {@code n}, so each block's times and values go straight to their own region. The signal's
 * attributes sit on this group; {@code time} carries {@code units} like the aligned {@code /time}.
 *
 * <p>File order: group header, time header, time data, value header, value data.
 */
final class RawSignalGroup extends StreamedNode {
    static final String TIME = "time";
    static final String VALUE = "value";

    private final long count;
    private final Supplier<SampleCursor> cursor;
    private final Hdf5WriteSession session;
    private final String label;
    private final Map<String, Attribute> timeAttributes;

    RawSignalGroup(Group parent, String name, long count, Supplier<SampleCursor> cursor, Hdf5WriteSession session,
                   String label) {
        super(parent, name);
        Hdf5Objects.dataBytes(count);
        this.count = count;
        this.cursor = cursor;
        this.session = session;
        this.label = label;
        this.timeAttributes = Map.of(Hdf5ExportSink.UNITS,
                new WritableAttributeImpl(Hdf5ExportSink.UNITS, this, Hdf5ExportSink.TIME_UNITS));
    }

    @Override
    public long write(HdfFileChannel file, long position) {
        session.attach(file);
        long dataBytes = Hdf5Objects.dataBytes(count);
        long timeHeader = position + groupHeader(0, 0).limit();
        long timeData = timeHeader + Hdf5Objects.datasetHeader(Hdf5Objects.INT64, count, 0, timeAttributes).limit();
        long valueHeader = timeData + dataBytes;
        long valueData = valueHeader + Hdf5Objects.datasetHeader(Hdf5Objects.FLOAT64, count, 0, Map.of()).limit();
        long end = valueData + dataBytes;

        session.write(groupHeader(timeHeader, valueHeader), position);
        session.write(Hdf5Objects.datasetHeader(Hdf5Objects.INT64, count, timeData, timeAttributes), timeHeader);
        session.write(Hdf5Objects.datasetHeader(Hdf5Objects.FLOAT64, count, valueData, Map.of()), valueHeader);

        session.progress().begin("writing " + label);
        try (SampleCursor samples = cursor.get()) {
            copy(samples, timeData, valueData);
        }
        // jHDF appends its own trailer at the channel's position once every node is written.
        file.position(end);
        return end;
    }

    private ByteBuffer groupHeader(long timeAddress, long valueAddress) {
        Map<String, Long> links = new LinkedHashMap<>();
        links.put(TIME, timeAddress);
        links.put(VALUE, valueAddress);
        return Hdf5Objects.groupHeader(links, getAttributes());
    }

    private void copy(SampleCursor samples, long timeData, long valueData) {
        ByteBuffer timeBytes = session.firstBuffer();
        ByteBuffer valueBytes = session.secondBuffer();
        LongBuffer times = timeBytes.asLongBuffer();
        DoubleBuffer values = valueBytes.asDoubleBuffer();
        long written = 0;
        SampleBlock block;
        while ((block = samples.next()) != null) {
            if (block.size() > count - written - times.position()) {
                throw Hdf5WriteSession.tooMany(label, count);
            }
            int offset = 0;
            while (offset < block.size()) {
                int n = Math.min(block.size() - offset, times.remaining());
                times.put(block.times(), offset, n);
                values.put(block.values(), offset, n);
                offset += n;
                if (!times.hasRemaining()) {
                    written += flush(times, timeBytes, values, valueBytes, timeData, valueData, written);
                }
            }
        }
        written += flush(times, timeBytes, values, valueBytes, timeData, valueData, written);
        if (written != count) {
            throw Hdf5WriteSession.tooFew(label, written, count);
        }
    }

    /** Writes the buffered samples after the {@code written} ones already in the file; returns how many. */
    private int flush(LongBuffer times, ByteBuffer timeBytes, DoubleBuffer values, ByteBuffer valueBytes,
                      long timeData, long valueData, long written) {
        int n = times.position();
        if (n > 0) {
            long offset = written * Hdf5Objects.ELEMENT_BYTES;
            int bytes = n * Hdf5Objects.ELEMENT_BYTES;
            session.write(timeBytes.position(0).limit(bytes), timeData + offset);
            session.write(valueBytes.position(0).limit(bytes), valueData + offset);
            timeBytes.clear();
            valueBytes.clear();
            times.clear();
            values.clear();
            session.progress().advance(2L * bytes);
        }
        return n;
    }

    @Override
    public DataType getDataType() {
        return Hdf5Objects.FLOAT64;
    }

    @Override
    public long getSize() {
        return count;
    }

    @Override
    public long getSizeInBytes() {
        return 2 * Hdf5Objects.dataBytes(count);
    }

    @Override
    public long[] getDimensionsAsLong() {
        return new long[] {count};
    }

    @Override
    public NodeType getType() {
        return NodeType.GROUP;
    }

    @Override
    public boolean isGroup() {
        return true;
    }
}
