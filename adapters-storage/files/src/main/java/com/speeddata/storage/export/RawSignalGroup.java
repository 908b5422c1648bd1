package com.speeddata.storage.export;

import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Supplier;

/**
 * The raw layout's {@code /<channel>/<signal>} group with its {@code time} (int64[n]) and {@code value}
 * (float64[n]) datasets. The file is written front to back ({@link Hdf5FileLayout}), and the two datasets are two
 * regions of it, so the signal's samples are read twice: once for {@code time}, once for {@code value}. Each pass
 * must give the {@code n} samples counted before the file was laid out, and the second must see the same times as
 * the first (a hash of them is compared): samples rewritten between the two reads fail the export rather than pair
 * a time with another sample's value. The signal's attributes sit on this group;
 * {@code time} carries {@code units} like the aligned {@code /time}.
 */
final class RawSignalGroup {
    static final String TIME = "time";
    static final String VALUE = "value";

    private final Hdf5Group group;
    private final Hdf5Dataset time;
    private final Hdf5Dataset value;
    private final Supplier<SampleCursor> cursor;
    private final String label;
    private long timesHash;

    RawSignalGroup(Hdf5Group channel, String name, long count, Supplier<SampleCursor> cursor, String label) {
        this.group = channel.link(name, new Hdf5Group(label));
        this.time = group.link(TIME, Hdf5Dataset.int64(label + "/" + TIME, count));
        this.value = group.link(VALUE, Hdf5Dataset.float64(label + "/" + VALUE, count));
        time.putText(Hdf5ExportSink.UNITS, Hdf5ExportSink.TIME_UNITS);
        this.cursor = cursor;
        this.label = label;
    }

    /** The group, where the signal's attributes go. */
    Hdf5Group group() {
        return group;
    }

    /**
     * The samples' times, then their values, each for its dataset's place. The values are read only once the times
     * are written: the pass over them must end after the pass over the times, to compare the two.
     */
    List<DatasetCopy> copies(Hdf5WriteSession session) {
        return List.of(
                DatasetCopy.of(session, label + "/" + TIME, () -> new Column(cursor.get(), true), time),
                DatasetCopy.afterThoseBefore(
                        session, label + "/" + VALUE, () -> new Column(cursor.get(), false), value));
    }

    /** The end of a pass over the samples, whose times hash to {@code hash}. */
    private void passEnded(boolean timePass, long hash) {
        if (timePass) {
            timesHash = hash;
        } else if (hash != timesHash) {
            throw new IllegalStateException(label + ": the samples changed between the read of their times and the"
                    + " read of their values; export again");
        }
    }

    /** The times or the values of a sample cursor, as a {@link ValueStream}. */
    private final class Column implements ValueStream {
        private final SampleCursor samples;
        private final boolean times;
        private SampleBlock block;
        private int offset;
        private boolean ended;
        private long hash = 17;

        Column(SampleCursor samples, boolean times) {
            this.samples = samples;
            this.times = times;
        }

        @Override
        public int read(ByteBuffer out) {
            int room = out.remaining() / Long.BYTES;
            int n = 0;
            while (n < room && !ended) {
                if (block == null || offset == block.size()) {
                    block = samples.next();
                    offset = 0;
                    ended = block == null;
                    if (ended) {
                        passEnded(times, hash);
                    }
                    continue;
                }
                int take = Math.min(room - n, block.size() - offset);
                for (int i = offset; i < offset + take; i++) {
                    hash = hash * 31 + block.times()[i];
                }
                if (times) {
                    out.asLongBuffer().put(block.times(), offset, take);
                } else {
                    out.asDoubleBuffer().put(block.values(), offset, take);
                }
                out.position(out.position() + take * Long.BYTES);
                offset += take;
                n += take;
            }
            return n;
        }

        @Override
        public void close() {
            samples.close();
        }
    }
}
