package com.speeddata.storage.export;

import java.util.function.Supplier;

/**
 * One dataset's data on its way into the file: read on a thread of its own ({@link ReadAhead}) from
 * {@link #readAhead} or {@link #write} on, whichever comes first, and written to the dataset's place by
 * {@link #write}. The sink starts reading the next dataset when the one before has {@link #READ_NEXT_WITHIN_BYTES}
 * left to write, so that the store is already sending the next column when the last block of this one goes out,
 * rather than the writer waiting for the next column's first page at each column's start: on PostgreSQL the
 * machine's two cores were 15–17 % idle during an export, 10–11 % with this, and the export took 9–13 % less time
 * (docs/benchmarks.md). Not sooner: started as soon as the one before began, it held the next column's pages for a
 * whole column, and on the embedded store under -Xmx256m the heap after young collections rose from 60–73 to
 * 110–127 MB and G1's threads took 2.5 times the CPU.
 */
final class DatasetCopy implements AutoCloseable {
    /** About 16 ms of writing at 500 MB/s, room for a first page (2 MB) to arrive from PostgreSQL. */
    static final long READ_NEXT_WITHIN_BYTES = 8L << 20;

    private final Hdf5WriteSession session;
    private final String label;
    private final Supplier<ValueStream> values;
    private final Hdf5Dataset dataset;
    private final boolean mayReadAhead;
    private final Runnable afterwards;
    private ReadAhead reading;

    /**
     * @param values opened only once reading starts, on the reading thread, and always closed
     * @param mayReadAhead false when reading must wait until the datasets before this one are written (the second
     *     pass over a raw signal's samples, which checks the first)
     * @param afterwards run once the data is written (puts a receipt known only then)
     */
    DatasetCopy(
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

    DatasetCopy(Hdf5WriteSession session, String label, Supplier<ValueStream> values, Hdf5Dataset dataset) {
        this(session, label, values, dataset, true, () -> {});
    }

    /** Starts reading, unless this dataset must wait for the ones before it. */
    void readAhead() {
        if (mayReadAhead) {
            reading();
        }
    }

    /**
     * Streams the dataset's values into its place, which must be where the file stands, and has {@code next} (null
     * after the last) {@link #readAhead} once {@link #READ_NEXT_WITHIN_BYTES} are left to write.
     */
    void write(DatasetCopy next) {
        session.progress().begin("writing " + label);
        try (ReadAhead stream = reading()) {
            session.copy(
                    stream,
                    dataset.dataAddress(),
                    dataset.length(),
                    label,
                    dataset.elementBytes(),
                    READ_NEXT_WITHIN_BYTES,
                    next == null ? () -> {} : next::readAhead);
        }
        afterwards.run();
    }

    private ReadAhead reading() {
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
