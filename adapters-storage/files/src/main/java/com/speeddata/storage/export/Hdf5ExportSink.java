package com.speeddata.storage.export;

import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.export.AlignedCells;
import com.speeddata.pivot.export.CellQuality;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportSink;
import com.speeddata.pivot.export.ExportSource;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.ProgressListener;
import com.speeddata.pivot.export.SignalReceipt;
import com.speeddata.pivot.time.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes the contract's HDF5 export files, streaming every dataset from the {@link ExportSource} block by block
 * into the file as it is produced, so the heap stays small whatever the file size; {@link Hdf5FileLayout} places
 * the objects so that the file is written front to back (superblock and root header, data, other headers, heap).
 *
 * <p>Aligned layout: {@code /time} int64[N] ({@code units}; a dimension scale, hard-linked as
 * {@code /<channel>/time}) and {@code /<channel>/<signal>} float64[N] attached to it ({@code unit}, CF
 * {@code units}, {@code sample_rate_hz} (NaN when irregular), {@code fill}, {@code aggregate}, {@code max_gap_ns}
 * and the export receipt: {@code samples_read}, {@code observed_cells}, {@code filled_cells},
 * {@code missing_cells} (int64), {@code first_sample}, {@code last_sample} (RFC 3339, nine fraction digits, empty
 * when none)); with {@code quality}, also {@code quality} (the flags' HDF5 path) and CF's
 * {@code ancillary_variables}, and beside it {@code /<channel>/<signal>:quality} uint8[N], attached to
 * {@code /time} as well.
 * Raw layout: group {@code /<channel>/<signal>} ({@code unit}, {@code sample_rate_hz}; no {@code fill} or
 * {@code aggregate}, since raw samples are neither filled nor aggregated) holding {@code time} int64[n]
 * ({@code units}) and {@code value} float64[n]. Root attributes of both: {@code time_range_start},
 * {@code time_range_end}, {@code created_at} (RFC 3339 UTC), {@code interval_ns} (int64, 0 in the raw layout),
 * {@code format_version} (int32, 1) and {@code layout} ({@code aligned} or {@code raw}). Text attributes are
 * variable-length UTF-8. Datasets are contiguous, little-endian, with 8-byte (int64) dimensions.
 */
public final class Hdf5ExportSink implements ExportSink {
    static final String UNITS = "units";
    static final String TIME_UNITS = "nanoseconds since 1970-01-01T00:00:00Z";
    static final String TIME = "time";
    static final String QUALITY = "quality";
    static final String QUALITY_SUFFIX = ":quality";
    static final int FORMAT_VERSION = 1;
    static final int DEFAULT_BLOCK_VALUES = 64 * 1024;
    static final long REPORT_EVERY_BYTES = 4L << 20;
    /**
     * {@code /time}'s REFERENCE_LIST names every attached dataset (each signal, and its quality flags when asked)
     * in 16 bytes, in one header message of at most 64 KiB.
     */
    static final int MAX_ALIGNED_SIGNALS = 4000;
    /** As long as any sample time with nine fraction digits (int64 nanoseconds end in year 2262). */
    private static final String SAMPLE_TIME_ROOM = "2262-04-11T23:47:16.854775807Z";

    private final Clock clock;
    private final int blockValues;
    private final long readNextWithinValues;

    /** @param clock gives {@code created_at} */
    public Hdf5ExportSink(Clock clock) {
        this(clock, DEFAULT_BLOCK_VALUES);
    }

    /** @param blockValues values pulled per block; small in tests to exercise block edges */
    Hdf5ExportSink(Clock clock, int blockValues) {
        this(clock, blockValues, DatasetCopy.READ_NEXT_WITHIN_VALUES);
    }

    /** @param readNextWithinValues how near its end a dataset is when the next one's reading starts */
    Hdf5ExportSink(Clock clock, int blockValues, long readNextWithinValues) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (blockValues <= 0) {
            throw new IllegalArgumentException("block size must be positive, not " + blockValues);
        }
        this.blockValues = blockValues;
        this.readNextWithinValues = readNextWithinValues;
    }

    @Override
    public Format format() {
        return Format.HDF5;
    }

    @Override
    public void write(ExportPlan plan, ExportSource source, Path target, ProgressListener progress) throws IOException {
        ExportTarget.write(target, out -> write(plan, source, out, progress));
    }

    /**
     * Writes the whole file to {@code out} front to back: the superblock and root header first, then each
     * dataset's data as it is produced, then the other headers (with the export receipt) and the global heap.
     */
    @Override
    public void write(ExportPlan plan, ExportSource source, WritableByteChannel out, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(source, "source");
        checkPlan(plan);
        List<Long> rawCounts = plan.layout() == Layout.RAW
                ? plan.columns().stream().map(source::rawCount).toList()
                : List.of();
        long totalBytes = plan.layout() == Layout.RAW
                ? 2
                        * Hdf5Objects.dataBytes(
                                rawCounts.stream().mapToLong(Long::longValue).reduce(0, Math::addExact))
                : Math.addExact(
                        Hdf5Objects.dataBytes(Math.multiplyExact(
                                plan.gridRows(), plan.columns().size() + 1L)),
                        plan.quality()
                                ? Math.multiplyExact(
                                        plan.gridRows(), (long) plan.columns().size())
                                : 0);
        String createdAt = Timestamps.format(clock.instant());

        ProgressReporter reporter = new ProgressReporter(progress, totalBytes, REPORT_EVERY_BYTES);
        Hdf5WriteSession session = new Hdf5WriteSession(out, reporter, blockValues);
        Hdf5Group root = new Hdf5Group("/");
        putRootAttributes(root, plan, createdAt);
        List<DatasetCopy> copies = plan.layout() == Layout.ALIGNED
                ? addAligned(root, plan, source, session)
                : addRaw(root, plan, source, rawCounts, session);
        Hdf5FileLayout layout = new Hdf5FileLayout(root);
        try {
            layout.writeHead(session);
            for (int i = 0; i < copies.size(); i++) {
                copies.get(i).write(i + 1 < copies.size() ? copies.get(i + 1) : null, readNextWithinValues);
            }
            layout.writeTail(session);
        } catch (UncheckedIOException failure) {
            throw failure.getCause();
        } finally {
            copies.forEach(DatasetCopy::close); // after a failure, the dataset read ahead and not written
        }
        session.progress().finish("written");
    }

    /**
     * {@code /time}, a dimension scale, hard-linked as {@code /<channel>/time} too, so that a channel group opened
     * on its own ({@code xarray.open_dataset(group=...)}) has its {@code time} coordinate; every signal is attached
     * to it. Returns the datasets' data, in file order.
     */
    private List<DatasetCopy> addAligned(
            Hdf5Group root, ExportPlan plan, ExportSource source, Hdf5WriteSession session) {
        long rows = plan.gridRows();
        Hdf5Dataset time = root.link(TIME, Hdf5Dataset.int64("/" + TIME, rows));
        time.makeScale(TIME);
        time.putText(UNITS, TIME_UNITS);
        List<DatasetCopy> copies = new ArrayList<>();
        long[] timeScratch = session.longScratch(0);
        copies.add(DatasetCopy.of(session, TIME, () -> ValueStream.of(source.gridTimes(), timeScratch), time));

        Map<String, Hdf5Group> channels = new LinkedHashMap<>();
        for (ExportColumn column : plan.columns()) {
            String path = column.key().path();
            Hdf5Group channel = channels.computeIfAbsent(column.key().channel(), name -> {
                Hdf5Group group = root.link(name, new Hdf5Group("/" + name));
                group.link(TIME, time);
                return group;
            });
            Hdf5Dataset values = channel.link(column.key().signal(), Hdf5Dataset.float64("/" + path, rows));
            time.attach(values);
            putSignalAttributes(values, column);
            values.putText(UNITS, column.signal().definition().unit());
            values.putText("fill", column.fill().wireName());
            values.putText("aggregate", column.aggregate().wireName());
            putReceipt(values, null);
            AlignedCells[] opened = new AlignedCells[1];
            double[] scratch = session.doubleScratch(copies.size());
            copies.add(DatasetCopy.of(
                    session,
                    path,
                    () -> ValueStream.of(opened[0] = source.alignedColumn(column), scratch),
                    values,
                    () -> putReceipt(values, opened[0].receipt())));
            if (plan.quality()) {
                String name = qualityName(column);
                values.putText(QUALITY, "/" + column.key().channel() + "/" + name);
                values.putText("ancillary_variables", name);
                copies.add(addQuality(channel, time, column, source, session, rows, copies.size()));
            }
        }
        return copies;
    }

    /**
     * The signal's {@link CellQuality} flags, uint8[N] beside it as {@code <signal>:quality} (the colon keeps it
     * apart from every signal name) and attached to {@code /time} like the signal, with CF's {@code flag_values}
     * and {@code flag_meanings}. Its values come from a second read of the column: the flags of each block are
     * written as they come, nothing is held. Returns its data, dataset {@code index} in file order.
     */
    private static DatasetCopy addQuality(
            Hdf5Group channel,
            Hdf5Dataset time,
            ExportColumn column,
            ExportSource source,
            Hdf5WriteSession session,
            long rows,
            int index) {
        String path = column.key().path() + QUALITY_SUFFIX;
        Hdf5Dataset flags = channel.link(qualityName(column), Hdf5Dataset.uint8("/" + path, rows));
        time.attach(flags);
        flags.put(Hdf5Attribute.uint8s(
                "flag_values", new byte[] {CellQuality.OBSERVED, CellQuality.FILLED, CellQuality.MISSING}));
        flags.putText("flag_meanings", CellQuality.FLAG_MEANINGS);
        flags.putText("long_name", "quality of " + column.key().path());
        double[] values = session.doubleScratch(index);
        byte[] scratch = session.byteScratch(index);
        return DatasetCopy.of(
                session, path, () -> ValueStream.qualityOf(source.alignedColumn(column), values, scratch), flags);
    }

    static String qualityName(ExportColumn column) {
        return column.key().signal() + QUALITY_SUFFIX;
    }

    /**
     * The contract's export receipt and the gap limit that applied, as attributes of the signal's dataset. Before
     * the file is laid out ({@code receipt} null) it puts placeholders of the same kinds, so that the header's
     * size is fixed (an int64 is 8 bytes, a text attribute a 16-byte heap id whatever its length), with texts as
     * long as the longest sample time, so that the global heap reserved at layout time holds the real ones; once
     * the data is written, the values replace them.
     */
    private static void putReceipt(Hdf5Dataset node, SignalReceipt receipt) {
        node.put(Hdf5Attribute.int64("max_gap_ns", receipt == null ? 0L : receipt.maxGapNs()));
        node.put(Hdf5Attribute.int64("samples_read", receipt == null ? 0L : receipt.samplesRead()));
        node.put(Hdf5Attribute.int64("observed_cells", receipt == null ? 0L : receipt.observedCells()));
        node.put(Hdf5Attribute.int64("filled_cells", receipt == null ? 0L : receipt.filledCells()));
        node.put(Hdf5Attribute.int64("missing_cells", receipt == null ? 0L : receipt.missingCells()));
        node.putText("first_sample", receipt == null ? SAMPLE_TIME_ROOM : sampleTime(receipt.firstSampleNs()));
        node.putText("last_sample", receipt == null ? SAMPLE_TIME_ROOM : sampleTime(receipt.lastSampleNs()));
    }

    /** RFC 3339 with nine fraction digits, as in CSV; empty when there is no such sample. */
    private static String sampleTime(OptionalLong timeNs) {
        if (timeNs.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(30);
        Timestamps.appendNineDigitsTo(text, timeNs.getAsLong());
        return text.toString();
    }

    private List<DatasetCopy> addRaw(
            Hdf5Group root, ExportPlan plan, ExportSource source, List<Long> counts, Hdf5WriteSession session) {
        Map<String, Hdf5Group> channels = new LinkedHashMap<>();
        List<DatasetCopy> copies = new ArrayList<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ExportColumn column = plan.columns().get(i);
            Hdf5Group channel = channels.computeIfAbsent(
                    column.key().channel(), name -> root.link(name, new Hdf5Group("/" + name)));
            RawSignalGroup signal = new RawSignalGroup(
                    channel,
                    column.key().signal(),
                    counts.get(i),
                    () -> source.rawSamples(column),
                    column.key().path());
            putSignalAttributes(signal.group(), column);
            copies.addAll(signal.copies(session));
        }
        return copies;
    }

    private static void putSignalAttributes(Hdf5Node node, ExportColumn column) {
        SignalDefinition definition = column.signal().definition();
        node.putText("unit", definition.unit());
        node.put(Hdf5Attribute.float64(
                "sample_rate_hz", definition.isRegular() ? definition.sampleRateHz() : Double.NaN));
    }

    private static void putRootAttributes(Hdf5Group root, ExportPlan plan, String createdAt) {
        root.putText("time_range_start", Timestamps.format(plan.range().startNs()));
        root.putText("time_range_end", Timestamps.format(plan.range().endNs()));
        root.put(Hdf5Attribute.int64("interval_ns", plan.layout() == Layout.ALIGNED ? plan.intervalNs() : 0L));
        root.putText("created_at", createdAt);
        root.put(Hdf5Attribute.int32("format_version", FORMAT_VERSION));
        root.putText("layout", plan.layout().wireName());
    }

    /**
     * Refuses, before any file exists, what the file cannot hold: {@code .} and {@code ..} are not link names; in
     * the aligned layout a channel named {@code time} would collide with {@code /time} and a signal named
     * {@code time} with its channel's link to it, and more than {@link #MAX_ALIGNED_SIGNALS} signals (half as many
     * with quality, whose flags are attached too) would not fit {@code /time}'s REFERENCE_LIST.
     */
    private static void checkPlan(ExportPlan plan) {
        if (plan.format() != Format.HDF5) {
            throw new IllegalArgumentException(
                    "an HDF5 sink cannot write a " + plan.format().wireName() + " export");
        }
        Set<String> seen = new HashSet<>();
        for (ExportColumn column : plan.columns()) {
            String channel = column.key().channel();
            String signal = column.key().signal();
            if (!seen.add(column.key().path())) {
                throw new IllegalArgumentException("the plan lists " + column.key() + " twice");
            }
            if (isDotName(channel) || isDotName(signal)) {
                throw new InvalidRequestException(
                        "/channels",
                        "'" + column.key()
                                + "' cannot be exported as HDF5: '.' and '..' are not HDF5 names; use format csv");
            }
            if (plan.layout() == Layout.ALIGNED && channel.equals(TIME)) {
                throw new InvalidRequestException(
                        "/channels",
                        "channel 'time' cannot be exported in the aligned"
                                + " HDF5 layout, where /time holds the grid; use layout raw or format csv");
            }
            if (plan.layout() == Layout.ALIGNED && signal.equals(TIME)) {
                throw new InvalidRequestException(
                        "/signals",
                        "signal '" + column.key() + "' cannot be exported in"
                                + " the aligned HDF5 layout, where each channel's 'time' is the grid; use layout raw or"
                                + " format csv");
            }
        }
        int most = plan.quality() ? MAX_ALIGNED_SIGNALS / 2 : MAX_ALIGNED_SIGNALS;
        if (plan.layout() == Layout.ALIGNED && plan.columns().size() > most) {
            throw new InvalidRequestException(
                    "/signals",
                    plan.columns().size() + " signals do not fit in one"
                            + " aligned HDF5 file (at most " + MAX_ALIGNED_SIGNALS + ", " + MAX_ALIGNED_SIGNALS / 2
                            + " with quality); export them in parts or as csv");
        }
    }

    private static boolean isDotName(String name) {
        return name.equals(".") || name.equals("..");
    }
}
