package com.speeddata.storage.export;

import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;

import java.nio.ByteBuffer;
import java.nio.DoubleBuffer;
import java.nio.LongBuffer;
import java.util.function.Supplier;

/**
 * The raw layout's {@code /<channel>/<signal>} group with its {@code time} (int64[n]) and {@code value}
 * (float64[n]) datasets, written in one pass over the signal's sample cursor: both datasets' places in the file
 * are known up front from {@code n}, so each block's times and values go straight to their own region. The signal's
 * attributes sit on this group; {@code time} carries {@code units} like the aligned {@code /time}.
 */
final class RawSignalGroup {
    static final String TIME = "time";
    static final String VALUE = "value";

    private final Hdf5Group group;
    private final Hdf5Dataset time;
    private final Hdf5Dataset value;
    private final long count;
    private final Supplier<SampleCursor> cursor;
    private final String label;

    RawSignalGroup(Hdf5Group channel, String name, long count, Supplier<SampleCursor> cursor, String label) {
        this.group = channel.link(name, new Hdf5Group(label));
        this.time = group.link(TIME, Hdf5Dataset.int64(label + "/" + TIME, count));
        this.value = group.link(VALUE, Hdf5Dataset.float64(label + "/" + VALUE, count));
        time.putText(Hdf5ExportSink.UNITS, Hdf5ExportSink.TIME_UNITS);
        this.count = count;
        this.cursor = cursor;
        this.label = label;
    }

    /** The group, where the signal's attributes go. */
    Hdf5Group group() {
        return group;
    }

    /** Streams the samples to both datasets, once the file is laid out. */
    void write(Hdf5WriteSession session) {
        session.progress().begin("writing " + label);
        try (SampleCursor samples = cursor.get()) {
            copy(session, samples, time.dataAddress(), value.dataAddress());
        }
    }

    private void copy(Hdf5WriteSession session, SampleCursor samples, long timeData, long valueData) {
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
                    written += flush(session, times, timeBytes, values, valueBytes, timeData, valueData, written);
                }
            }
        }
        written += flush(session, times, timeBytes, values, valueBytes, timeData, valueData, written);
        if (written != count) {
            throw Hdf5WriteSession.tooFew(label, written, count);
        }
    }

    /** Writes the buffered samples after the {@code written} ones already in the file; returns how many. */
    private static int flush(Hdf5WriteSession session, LongBuffer times, ByteBuffer timeBytes, DoubleBuffer values,
                             ByteBuffer valueBytes, long timeData, long valueData, long written) {
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
}
