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
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.jhdf.api.WritableNode;
import io.jhdf.exceptions.HdfException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Writes the contract's HDF5 export files with jHDF, streaming every dataset from the {@link ExportSource} block
 * by block while jHDF closes the file, so the heap stays small whatever the file size.
 *
 * <p>Aligned layout: {@code /time} int64[N] ({@code units}) and {@code /<channel>/<signal>} float64[N]
 * ({@code unit}, {@code sample_rate_hz} (NaN when irregular), {@code fill}, {@code aggregate}, {@code max_gap_ns}
 * and the export receipt: {@code samples_read}, {@code observed_cells}, {@code filled_cells},
 * {@code missing_cells} (int64), {@code first_sample}, {@code last_sample} (RFC 3339, nine fraction digits, empty
 * when none)); with {@code quality}, also {@code quality} (the flags' HDF5 path) and CF's
 * {@code ancillary_variables}, and beside it {@code /<channel>/<signal>:quality} uint8[N].
 * Raw layout: group {@code /<channel>/<signal>} ({@code unit}, {@code sample_rate_hz}; no {@code fill} or
 * {@code aggregate}, since raw samples are neither filled nor aggregated) holding {@code time} int64[n]
 * ({@code units}) and {@code value} float64[n]. Root attributes of both: {@code time_range_start},
 * {@code time_range_end}, {@code created_at} (RFC 3339 UTC), {@code interval_ns} (int64, 0 in the raw layout),
 * {@code format_version} (int32, 1) and {@code layout} ({@code aligned} or {@code raw}); jHDF adds {@code _jHDF}.
 * Datasets are contiguous, little-endian, with 8-byte (int64) dimensions.
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

    private final Clock clock;
    private final int blockValues;

    /** @param clock gives {@code created_at} */
    public Hdf5ExportSink(Clock clock) {
        this(clock, DEFAULT_BLOCK_VALUES);
    }

    /** @param blockValues values pulled per block; small in tests to exercise block edges */
    Hdf5ExportSink(Clock clock, int blockValues) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (blockValues <= 0) {
            throw new IllegalArgumentException("block size must be positive, not " + blockValues);
        }
        this.blockValues = blockValues;
    }

    @Override
    public Format format() {
        return Format.HDF5;
    }

    @Override
    public void write(ExportPlan plan, ExportSource source, Path target, ProgressListener progress)
            throws IOException {
        Objects.requireNonNull(source, "source");
        checkPlan(plan);
        List<Long> rawCounts = plan.layout() == Layout.RAW
                ? plan.columns().stream().map(source::rawCount).toList() : List.of();
        long totalBytes = plan.layout() == Layout.RAW
                ? 2 * Hdf5Objects.dataBytes(rawCounts.stream().mapToLong(Long::longValue).reduce(0, Math::addExact))
                : Math.addExact(Hdf5Objects.dataBytes(Math.multiplyExact(plan.gridRows(), plan.columns().size() + 1L)),
                        plan.quality() ? Math.multiplyExact(plan.gridRows(), (long) plan.columns().size()) : 0);
        String createdAt = Timestamps.format(clock.instant());

        ExportTarget.createNew(target);
        Hdf5WriteSession session = new Hdf5WriteSession(
                new ProgressReporter(progress, totalBytes, REPORT_EVERY_BYTES), blockValues);
        try {
            WritableHdfFile file = HdfFile.write(target);
            putRootAttributes(file, plan, createdAt);
            if (plan.layout() == Layout.ALIGNED) {
                addAligned(file, plan, source, session);
            } else {
                addRaw(file, plan, source, rawCounts, session);
            }
            file.close(); // jHDF writes every node now, pulling the data
            session.progress().finish("written");
        } catch (UncheckedIOException failure) {
            throw discard(target, session, failure.getCause());
        } catch (HdfException failure) {
            throw discard(target, session, new IOException("writing the HDF5 file failed: " + failure.getMessage(),
                    failure));
        } catch (RuntimeException failure) {
            throw discard(target, session, failure);
        } catch (Error failure) {
            throw discard(target, session, failure);
        }
    }

    /** Closes the channel jHDF left open and removes the partial file; returns {@code failure} to throw. */
    private static <T extends Throwable> T discard(Path target, Hdf5WriteSession session, T failure) {
        session.closeAfterFailure(failure);
        ExportTarget.discard(target, failure);
        return failure;
    }

    private void addAligned(WritableHdfFile file, ExportPlan plan, ExportSource source, Hdf5WriteSession session) {
        long rows = plan.gridRows();
        StreamedDataset time = new StreamedDataset(file, TIME, Hdf5Objects.INT64, rows,
                () -> ValueStream.of(source.gridTimes(), session.longScratch()), session, TIME);
        Hdf5Objects.putText(time, "/time", UNITS, TIME_UNITS);
        file.putDataset(TIME, time);

        Map<String, WritableGroup> channels = new HashMap<>();
        for (ExportColumn column : plan.columns()) {
            WritableGroup channel = channels.computeIfAbsent(column.key().channel(), file::putGroup);
            String path = column.key().path();
            AlignedCells[] opened = new AlignedCells[1];
            StreamedDataset values = new StreamedDataset(channel, column.key().signal(), Hdf5Objects.FLOAT64, rows,
                    () -> ValueStream.of(opened[0] = source.alignedColumn(column), session.doubleScratch()),
                    session, path);
            putSignalAttributes(values, column);
            Hdf5Objects.putText(values, path, "fill", column.fill().wireName());
            Hdf5Objects.putText(values, path, "aggregate", column.aggregate().wireName());
            putReceipt(values, path, null);
            values.afterData(() -> putReceipt(values, path, opened[0].receipt()));
            if (plan.quality()) {
                String name = qualityName(column);
                Hdf5Objects.putText(values, path, QUALITY, "/" + column.key().channel() + "/" + name);
                Hdf5Objects.putText(values, path, "ancillary_variables", name);
            }
            channel.putDataset(column.key().signal(), values);
            if (plan.quality()) {
                addQuality(channel, column, source, session, rows);
            }
        }
    }

    /**
     * The signal's {@link CellQuality} flags, uint8[N] beside it as {@code <signal>:quality} (the colon keeps it
     * apart from every signal name), with CF's {@code flag_values} and {@code flag_meanings}. Its values come from
     * a second read of the column: the flags of each block are written as they come, nothing is held.
     */
    private static void addQuality(WritableGroup channel, ExportColumn column, ExportSource source,
                                   Hdf5WriteSession session, long rows) {
        String name = qualityName(column);
        String path = column.key().path() + QUALITY_SUFFIX;
        StreamedDataset flags = new StreamedDataset(channel, name, Hdf5Objects.UINT8, rows,
                () -> ValueStream.qualityOf(source.alignedColumn(column), session.doubleScratch(),
                        session.byteScratch()), session, path);
        flags.putAttribute("flag_values", new byte[] {CellQuality.OBSERVED, CellQuality.FILLED, CellQuality.MISSING});
        Hdf5Objects.putText(flags, path, "flag_meanings", CellQuality.FLAG_MEANINGS);
        Hdf5Objects.putText(flags, path, "long_name", "quality of " + column.key().path());
        channel.putDataset(name, flags);
    }

    static String qualityName(ExportColumn column) {
        return column.key().signal() + QUALITY_SUFFIX;
    }

    /**
     * The contract's export receipt and the gap limit that applied, as attributes of the signal's dataset. Before
     * the data is written ({@code receipt} null) it puts placeholders as long as the largest values, so that the
     * header's room is reserved; once the data is written, the values.
     */
    private static void putReceipt(WritableNode node, String path, SignalReceipt receipt) {
        node.putAttribute("max_gap_ns", receipt == null ? 0L : receipt.maxGapNs());
        node.putAttribute("samples_read", receipt == null ? 0L : receipt.samplesRead());
        node.putAttribute("observed_cells", receipt == null ? 0L : receipt.observedCells());
        node.putAttribute("filled_cells", receipt == null ? 0L : receipt.filledCells());
        node.putAttribute("missing_cells", receipt == null ? 0L : receipt.missingCells());
        Hdf5Objects.putText(node, path, "first_sample", receipt == null ? Timestamps.MAX_TEXT
                : sampleTime(receipt.firstSampleNs()));
        Hdf5Objects.putText(node, path, "last_sample", receipt == null ? Timestamps.MAX_TEXT
                : sampleTime(receipt.lastSampleNs()));
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

    private void addRaw(WritableHdfFile file, ExportPlan plan, ExportSource source, List<Long> counts,
                        Hdf5WriteSession session) {
        Map<String, WritableGroup> channels = new HashMap<>();
        for (int i = 0; i < plan.columns().size(); i++) {
            ExportColumn column = plan.columns().get(i);
            WritableGroup channel = channels.computeIfAbsent(column.key().channel(), file::putGroup);
            RawSignalGroup signal = new RawSignalGroup(channel, column.key().signal(), counts.get(i),
                    () -> source.rawSamples(column), session, column.key().path());
            putSignalAttributes(signal, column);
            channel.putDataset(column.key().signal(), signal);
        }
    }

    private static void putSignalAttributes(WritableNode node, ExportColumn column) {
        SignalDefinition definition = column.signal().definition();
        Hdf5Objects.putText(node, column.key().path(), "unit", definition.unit());
        node.putAttribute("sample_rate_hz", definition.isRegular() ? definition.sampleRateHz() : Double.NaN);
    }

    private static void putRootAttributes(WritableHdfFile file, ExportPlan plan, String createdAt) {
        file.putAttribute("time_range_start", Timestamps.format(plan.range().startNs()));
        file.putAttribute("time_range_end", Timestamps.format(plan.range().endNs()));
        file.putAttribute("interval_ns", plan.layout() == Layout.ALIGNED ? plan.intervalNs() : 0L);
        file.putAttribute("created_at", createdAt);
        file.putAttribute("format_version", FORMAT_VERSION);
        file.putAttribute("layout", plan.layout().wireName());
    }

    /**
     * Refuses, before any file exists, what HDF5 cannot hold: {@code .} and {@code ..} are not link names, in the
     * aligned layout a channel named {@code time} would collide with {@code /time}, and a unit text must fit in an
     * attribute. (Once jHDF has opened the file, a failure before its close would leave its channel open.)
     */
    private static void checkPlan(ExportPlan plan) {
        if (plan.format() != Format.HDF5) {
            throw new IllegalArgumentException("an HDF5 sink cannot write a " + plan.format().wireName() + " export");
        }
        Set<String> seen = new HashSet<>();
        for (ExportColumn column : plan.columns()) {
            String channel = column.key().channel();
            String signal = column.key().signal();
            if (!seen.add(column.key().path())) {
                throw new IllegalArgumentException("the plan lists " + column.key() + " twice");
            }
            if (isDotName(channel) || isDotName(signal)) {
                throw new InvalidRequestException("/channels", "'" + column.key()
                        + "' cannot be exported as HDF5: '.' and '..' are not HDF5 names; use format csv");
            }
            if (plan.layout() == Layout.ALIGNED && channel.equals(TIME)) {
                throw new InvalidRequestException("/channels", "channel 'time' cannot be exported in the aligned"
                        + " HDF5 layout, where /time holds the grid; use layout raw or format csv");
            }
            Hdf5Objects.checkText(column.key().path(), "unit", column.signal().definition().unit());
        }
    }

    private static boolean isDotName(String name) {
        return name.equals(".") || name.equals("..");
    }
}
