package com.speeddata.storage.export;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Formats blocks of aligned CSV rows on two cores: the second half of each step of rows on a thread of its own
 * while the caller formats the first, then both go out in order. Formatting numbers is most of a CSV export's time
 * (Java 17's {@code Double.toString} was 85 % of it), and the store read and the socket write leave a core free.
 * A step is small enough that its text stays well under a megabyte whatever the number of columns.
 */
final class AlignedCsvRows implements AutoCloseable {
    /** Values formatted per step, both halves together. */
    private static final int STEP_VALUES = 32 * 1024;

    private final ExecutorService second = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "csv-format");
        thread.setDaemon(true);
        return thread;
    });
    private final Half first = new Half();
    private final Half other = new Half();
    private final int stepRows;

    AlignedCsvRows(int columns) {
        this.stepRows = Math.max(2, STEP_VALUES / (columns + 1));
    }

    /** Writes rows {@code [0, n)}: time, then each column's value (and quality flag when {@code flags} is set). */
    void write(long[] times, double[][] values, byte[][] flags, int n, Writer out) throws IOException {
        for (int from = 0; from < n; from += stepRows) {
            int to = Math.min(n, from + stepRows);
            int middle = from + (to - from) / 2;
            int start = from;
            Future<?> rest = second.submit(() -> other.format(times, values, flags, middle, to));
            first.format(times, values, flags, start, middle);
            first.drainTo(out);
            await(rest);
            other.drainTo(out);
        }
    }

    private static void await(Future<?> rest) {
        try {
            rest.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            rest.cancel(true);
            throw new IllegalStateException("interrupted while formatting CSV rows", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** Stops the second thread and waits for it, so that nothing reads the caller's arrays after this returns. */
    @Override
    public void close() {
        second.shutdownNow();
        try {
            second.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One thread's text and its own time formatter. */
    private static final class Half {
        private final StringBuilder text = new StringBuilder(1 << 16);
        private final RowTimes rowTimes = new RowTimes();

        void format(long[] times, double[][] values, byte[][] flags, int from, int to) {
            for (int i = from; i < to; i++) {
                rowTimes.appendTo(text, times[i]);
                for (int c = 0; c < values.length; c++) {
                    text.append(',');
                    appendValue(text, values[c][i]);
                    if (flags != null) {
                        text.append(',').append((char) ('0' + flags[c][i]));
                    }
                }
                text.append('\n');
            }
        }

        void drainTo(Writer out) throws IOException {
            out.append(text);
            text.setLength(0);
        }
    }

    /**
     * The shortest decimal that reads back to the same double, in {@link Double#toString}'s notation, by the
     * Schubfach algorithm (Giulietti) that jackson-core carries and Java itself adopted in Java 19: about 1.5 times
     * as fast as Java 17's {@code Double.toString} here (140 against 212 ns a value), which also is not always the
     * shortest. Both read back to the same double. NaN is an empty field.
     */
    static void appendValue(StringBuilder text, double value) {
        if (!Double.isNaN(value)) {
            text.append(NumberOutput.toString(value, true));
        }
    }
}
