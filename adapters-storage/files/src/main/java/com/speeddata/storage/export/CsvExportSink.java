package com.speeddata.storage.export;

import com.speeddata.pivot.export.AlignedCells;
import com.speeddata.pivot.export.DoubleBlockSource;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportSink;
import com.speeddata.pivot.export.ExportSource;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.LongBlockSource;
import com.speeddata.pivot.export.ProgressListener;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes CSV exports: UTF-8, {@code '\n'} line ends, times as RFC 3339 UTC with nine fraction digits on every row
 * (the contract's one format, which pandas parses), values as the shortest decimal in {@link Double#toString}'s
 * notation (which reads back to the same double), NaN as an empty field. Names need no quoting: the catalog allows only
 * {@code [A-Za-z0-9_.-]}.
 *
 * <p>Aligned layout (pinned by the contract): header {@code time,<channel>/<signal>,...}, one row per grid point;
 * with {@code quality} each signal's column is followed by {@code <channel>/<signal>:quality}, its cells' flags
 * {@code 0} observed, {@code 1} filled, {@code 2} missing;
 * all columns are pulled in lockstep, a block of rows at a time, and each must give exactly
 * {@link ExportPlan#gridRows()} values. Raw layout (this sink's choice): long format, header
 * {@code time,signal,value}, {@code signal} being {@code channel/signal}, every sample of the first column in time
 * order, then the next column's, in plan order. The raw layout takes the cursors as they come: there is no
 * header to size up front, so {@link ExportSource#rawCount} only drives the progress.
 */
public final class CsvExportSink implements ExportSink {
    static final int DEFAULT_BLOCK_ROWS = 8 * 1024;
    /** Values held at once across all columns of a block, so many columns mean fewer rows per block. */
    private static final int MAX_BUFFERED_VALUES = 1 << 20;

    private static final int FLUSH_CHARS = 64 * 1024;
    private static final long REPORT_EVERY_CHARS = 4L << 20;
    static final String QUALITY_SUFFIX = ":quality";

    private final int blockRows;

    public CsvExportSink() {
        this(DEFAULT_BLOCK_ROWS);
    }

    /** @param blockRows rows pulled per block; small in tests to exercise block edges */
    CsvExportSink(int blockRows) {
        if (blockRows <= 0) {
            throw new IllegalArgumentException("block size must be positive, not " + blockRows);
        }
        this.blockRows = blockRows;
    }

    @Override
    public Format format() {
        return Format.CSV;
    }

    @Override
    public void write(ExportPlan plan, ExportSource source, Path target, ProgressListener progress) throws IOException {
        ExportTarget.write(target, out -> write(plan, source, out, progress));
    }

    @Override
    public void write(ExportPlan plan, ExportSource source, WritableByteChannel channel, ProgressListener progress)
            throws IOException {
        if (plan.format() != Format.CSV) {
            throw new IllegalArgumentException(
                    "a CSV sink cannot write a " + plan.format().wireName() + " export");
        }
        Writer out = new OutputStreamWriter(
                new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), StandardCharsets.UTF_8);
        ProgressReporter reporter = plan.layout() == Layout.ALIGNED
                ? writeAligned(plan, source, out, progress)
                : writeRaw(plan, source, out, progress);
        out.flush(); // not closed: the channel is the caller's
        reporter.finish("written");
    }

    private ProgressReporter writeAligned(ExportPlan plan, ExportSource source, Writer out, ProgressListener progress)
            throws IOException {
        List<ExportColumn> columns = plan.columns();
        long rows = plan.gridRows();
        int estimatedRowChars = 32 + 20 * columns.size();
        ProgressReporter reporter = new ProgressReporter(progress, rows, REPORT_EVERY_CHARS / estimatedRowChars);
        StringBuilder text = new StringBuilder(FLUSH_CHARS + estimatedRowChars);
        text.append("time");
        for (ExportColumn column : columns) {
            text.append(',').append(column.key().path());
            if (plan.quality()) {
                text.append(',').append(qualityHeader(column));
            }
        }
        text.append('\n');

        int block = Math.max(1, Math.min(blockRows, MAX_BUFFERED_VALUES / (columns.size() + 1)));
        long[] times = new long[block];
        double[][] values = new double[columns.size()][block];
        byte[][] flags = plan.quality() ? new byte[columns.size()][block] : null;
        List<AlignedCells> sources = new ArrayList<>(columns.size());
        Throwable failure = null;
        flush(text, out);
        try (LongBlockSource timeSource = source.gridTimes();
                AlignedCsvRows rowText = new AlignedCsvRows(columns.size())) {
            for (ExportColumn column : columns) {
                sources.add(source.alignedColumn(column));
            }
            reporter.begin("writing rows");
            long done = 0;
            int n;
            while ((n = timeSource.read(times)) > 0) {
                if (n > rows - done) {
                    throw new IllegalStateException("time: the source gave more than the " + rows + " rows planned");
                }
                for (int c = 0; c < columns.size(); c++) {
                    int got = sources.get(c).read(values[c], flags == null ? null : flags[c]);
                    if (got != n) {
                        throw new IllegalStateException(columns.get(c).key() + ": the source gave " + got
                                + " values where the grid gave " + n + " times, after " + done + " rows");
                    }
                }
                rowText.write(times, values, flags, n, out);
                done += n;
                reporter.advance(n);
            }
            if (done != rows) {
                throw new IllegalStateException("time: the source gave " + done + " rows, " + rows + " were planned");
            }
            for (int c = 0; c < columns.size(); c++) {
                if (sources.get(c).read(values[c]) != 0) {
                    throw new IllegalStateException(
                            columns.get(c).key() + ": the source gave more than the " + rows + " values planned");
                }
            }
        } catch (Throwable t) {
            failure = t;
            throw t;
        } finally {
            closeAll(sources, failure);
        }
        return reporter;
    }

    private ProgressReporter writeRaw(ExportPlan plan, ExportSource source, Writer out, ProgressListener progress)
            throws IOException {
        long total = 0;
        for (ExportColumn column : plan.columns()) {
            total += source.rawCount(column);
        }
        ProgressReporter reporter = new ProgressReporter(progress, total, REPORT_EVERY_CHARS / 48);
        StringBuilder text = new StringBuilder(FLUSH_CHARS + 128);
        RowTimes rowTimes = new RowTimes();
        text.append("time,signal,value\n");
        for (ExportColumn column : plan.columns()) {
            String name = column.key().path();
            reporter.begin("writing " + name);
            try (SampleCursor cursor = source.rawSamples(column)) {
                SampleBlock block;
                while ((block = cursor.next()) != null) {
                    for (int i = 0; i < block.size(); i++) {
                        rowTimes.appendTo(text, block.times()[i]);
                        text.append(',').append(name).append(',');
                        AlignedCsvRows.appendValue(text, block.values()[i]);
                        text.append('\n');
                        if (text.length() >= FLUSH_CHARS) {
                            flush(text, out);
                        }
                    }
                    reporter.advance(block.size());
                }
            }
        }
        flush(text, out);
        return reporter;
    }

    /** The header of a signal's quality column. */
    static String qualityHeader(ExportColumn column) {
        return column.key().path() + QUALITY_SUFFIX;
    }

    private static void flush(StringBuilder text, Writer out) throws IOException {
        out.append(text);
        text.setLength(0);
    }

    /** Closes every source; a close failure joins {@code failure} when there is one, else it is thrown. */
    private static void closeAll(List<? extends DoubleBlockSource> sources, Throwable failure) {
        RuntimeException closeFailure = null;
        for (DoubleBlockSource source : sources) {
            try {
                source.close();
            } catch (RuntimeException e) {
                if (failure != null) {
                    failure.addSuppressed(e);
                } else if (closeFailure == null) {
                    closeFailure = e;
                } else {
                    closeFailure.addSuppressed(e);
                }
            }
        }
        if (closeFailure != null) {
            throw closeFailure;
        }
    }
}
