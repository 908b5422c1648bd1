package com.speeddata.storage.export;

import java.nio.ByteBuffer;
import java.util.function.Supplier;

/**
 * One dataset's data on its way into the file: read on a thread of its own ({@link ReadAhead}) from
 * {@link #readAhead} or {@link #write} on, whichever comes first, and written to the dataset's place by
 * {@link #write}. The sink starts reading the next dataset when the one before has {@link #READ_NEXT_WITHIN_VALUES}
 * left to write, so that the store is already sending the next column when the last block of this one goes out,
 * rather than the writer waiting for the next column's first page at each column's start: on PostgreSQL the
 * machine's two cores were 15–17 % idle during an export, 10–11 % with this, and the export took 5–13 % less time
 * than without it, side by side in three runs whose A/A pairs differed by up to 9 % (docs/benchmarks.md); on the
 * embedded store it made no difference beyond the noise. Not sooner: started as soon as the one before began, it
 * held the next column's pages for a whole column, and on the embedded store under -Xmx256m the heap after young
 * collections rose from 60–73 to 110–127 MB and G1's threads took 2.5 times the CPU.
 */
final class DatasetCopy implements AutoCloseable {
    /**
     * 8 MB of float64, about 16 ms of writing at 500 MB/s: room for a first page (2 MB) to arrive from PostgreSQL.
     * Counted in values, not bytes, because a quality dataset (a byte per value) takes as long to read as its values.
     */
    static final long READ_NEXT_WITHIN_VALUES = 1L << 20;

    private final Hdf5WriteSession session;
    private final String label;
    private final Supplier<ValueStream> values;
    private final Hdf5Dataset dataset;
    private final boolean mayReadAhead;
    private final Runnable afterwards;
    private ReadAhead reading;

    private DatasetCopy(
            Hdf5WriteSession session,
            String label,
            Supplier<ValueStream> values,
            Hdf5Dataset dataset,
            boolean mayReadAhead,
            Runnable afterwards) {
        this.session = session;
        this.label = label;
        this.values = values;
        this.dataset = dataset;
        this.mayReadAhead = mayReadAhead;
        this.afterwards = afterwards;
    }

    /**
     * The data of {@code dataset} from {@code values}, opened once reading starts, on the reading thread, and always
     * closed.
     */
    static DatasetCopy of(Hdf5WriteSession session, String label, Supplier<ValueStream> values, Hdf5Dataset dataset) {
        return of(session, label, values, dataset, () -> {});
    }

    /** As {@link #of(Hdf5WriteSession, String, Supplier, Hdf5Dataset)}, then {@code afterwards} once it is written. */
    static DatasetCopy of(
            Hdf5WriteSession session,
            String label,
            Supplier<ValueStream> values,
            Hdf5Dataset dataset,
            Runnable afterwards) {
        return new DatasetCopy(session, label, values, dataset, true, afterwards);
    }

    /**
     * As {@link #of(Hdf5WriteSession, String, Supplier, Hdf5Dataset)}, but read only once the datasets before it are
     * written: the second pass over a raw signal's samples, which checks the first.
     */
    static DatasetCopy afterThoseBefore(
            Hdf5WriteSession session, String label, Supplier<ValueStream> values, Hdf5Dataset dataset) {
        return new DatasetCopy(session, label, values, dataset, false, () -> {});
    }

    /** Starts reading, unless this dataset must wait for the ones before it or has started already. */
    void readAhead() {
        if (mayReadAhead) {
            started();
        }
    }

    /**
     * Streams exactly the dataset's values into its place, which must be where the file stands, and has {@code next}
     * (null after the last) {@link #readAhead} once at most {@code readNextWithinValues} are left to write.
     *
     * @throws IllegalStateException when the source gives fewer or more values than the dataset holds
     */
    void write(DatasetCopy next, long readNextWithinValues) {
        session.progress().begin("writing " + label);
        long expected = dataset.length();
        int elementBytes = dataset.elementBytes();
        long count = 0;
        try (ReadAhead stream = started()) {
            for (ByteBuffer block = stream.next(); block != null; block = stream.next()) {
                if (next != null && expected - count <= readNextWithinValues) {
                    next.readAhead();
                }
                int n = block.remaining() / elementBytes;
                if (n > expected - count) {
                    throw new IllegalStateException(
                            label + ": the source gave more than the " + expected + " values planned");
                }
                session.write(block, dataset.dataAddress() + count * elementBytes);
                stream.recycle(block);
                count += n;
                session.progress().advance((long) n * elementBytes);
            }
        }
        if (count != expected) {
            throw new IllegalStateException(
                    label + ": the source gave " + count + " values, " + expected + " were planned");
        }
        afterwards.run();
    }

    /** The reading, started now unless it already was. */
    private ReadAhead started() {
        if (reading == null) {
            reading = new ReadAhead(values, session.blockValues(), label);
        }
        return reading;
    }

    /** Stops the reading, if it started, and closes the source: for a dataset read ahead and never written. */
    @Override
    public void close() {
        if (reading != null) {
            reading.close();
        }
    }
}
