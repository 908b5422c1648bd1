package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.export.Aggregate;
import com.speeddata.pivot.export.AlignedCells;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportSource;
import com.speeddata.pivot.export.Fill;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.LongBlockSource;
import com.speeddata.pivot.export.ProgressListener;
import com.speeddata.pivot.export.SignalReceipt;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongToDoubleFunction;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.LoggerFactory;

class Hdf5ExportSinkTest {
    static final Clock CLOCK = Clock.fixed(Instant.parse("2025-02-01T12:00:00.123456789Z"), ZoneOffset.UTC);
    static final long MS = 1_000_000L;
    static final long PAYLOAD_NAN = 0x7ff8_0000_0000_0123L;

    static final ExportColumn VOLTAGE = Plans.column("ch1", "voltage", "V", 1000.0, Fill.LINEAR, Aggregate.MEAN);
    static final ExportColumn CURRENT = Plans.column("ch1", "current", "A", 500.0, Fill.PREVIOUS, Aggregate.MAX);
    static final ExportColumn TEMP = Plans.column("ch2", "temp", "°C", null, Fill.NONE, Aggregate.LAST);

    /** Voltage: NaN, -0.0, the smallest double and a NaN with a payload first, then a ramp. */
    static final LongToDoubleFunction VOLTAGE_VALUES = i -> switch ((int) Math.min(i, 4)) {
        case 0 -> Double.NaN;
        case 1 -> -0.0;
        case 2 -> Double.MIN_VALUE;
        case 3 -> Double.longBitsToDouble(PAYLOAD_NAN);
        default -> i * 0.1;
    };

    @TempDir
    Path dir;

    private final Hdf5ExportSink sink = new Hdf5ExportSink(CLOCK, 64);

    // ---- aligned layout

    private ExportPlan alignedPlan(long rows) {
        return Plans.aligned(Format.HDF5, rows, MS, VOLTAGE, CURRENT, TEMP);
    }

    private Path writeAligned(long rows) throws Exception {
        Path file = dir.resolve("aligned.h5");
        ExportPlan plan = alignedPlan(rows);
        SyntheticSource source = new SyntheticSource(plan).aligned(VOLTAGE.key(), VOLTAGE_VALUES);
        sink.write(plan, source, file, ProgressListener.NONE);
        assertTrue(source.allClosed(), "every source closed");
        assertEquals(4, source.opened.get());
        return file;
    }

    @Test
    void aligned_file_has_the_contract_layout_as_h5py_reads_it() throws Exception {
        long rows = 1000; // 16 blocks of 64 values, the last one partial
        Path file = writeAligned(rows);

        H5py.Summary h5 = H5py.summarize(file, 0, 1, 2, 3, -1);

        assertEquals(Set.of("/ch1", "/ch2"), h5.groups());
        // /ch1/time and /ch2/time are hard links to /time (h5py lists each path)
        assertEquals(
                Set.of("/time", "/ch1/time", "/ch2/time", "/ch1/voltage", "/ch1/current", "/ch2/temp"),
                h5.datasets().keySet());
        H5py.Dataset time = h5.datasets().get("/time");
        assertEquals("<i8", time.dtype());
        assertEquals("1000", time.shape());
        assertEquals("contiguous", time.layout());
        assertEquals(Digests.of(rows, i -> Plans.START + i * MS), time.sha256());

        H5py.Dataset voltage = h5.datasets().get("/ch1/voltage");
        assertEquals("<f8", voltage.dtype());
        assertEquals("1000", voltage.shape());
        assertEquals("contiguous", voltage.layout());
        assertEquals(Digests.ofDoubles(rows, VOLTAGE_VALUES), voltage.sha256());
        assertEquals(Double.doubleToRawLongBits(Double.NaN), voltage.elements().get(0L));
        assertEquals(0x8000_0000_0000_0000L, voltage.elements().get(1L), "-0.0 bit for bit");
        assertEquals(1L, voltage.elements().get(2L));
        assertEquals(PAYLOAD_NAN, voltage.elements().get(3L), "NaN payload kept");
        assertEquals(Double.doubleToRawLongBits(999 * 0.1), voltage.elements().get(-1L));
        assertEquals(
                Digests.ofDoubles(rows, i -> SyntheticSource.defaultValue(1, i)),
                h5.datasets().get("/ch1/current").sha256());
        assertEquals(
                Digests.ofDoubles(rows, i -> SyntheticSource.defaultValue(2, i)),
                h5.datasets().get("/ch2/temp").sha256());

        assertEquals(
                Set.of("time_range_start", "time_range_end", "interval_ns", "created_at", "format_version", "layout"),
                h5.attrsOf("/").keySet(),
                "no _jHDF");
        assertEquals(new H5py.Attr("str", "2025-01-23T14:00:00Z"), h5.attr("/", "time_range_start"));
        assertEquals(new H5py.Attr("str", "2025-01-23T14:00:01Z"), h5.attr("/", "time_range_end"));
        assertEquals(new H5py.Attr("<i8", "1000000"), h5.attr("/", "interval_ns"));
        assertEquals(new H5py.Attr("str", "2025-02-01T12:00:00.123456789Z"), h5.attr("/", "created_at"));
        assertEquals(new H5py.Attr("<i4", "1"), h5.attr("/", "format_version"));
        assertEquals(new H5py.Attr("str", "aligned"), h5.attr("/", "layout"));

        assertEquals(
                Map.of(
                        "units",
                        new H5py.Attr("str", "nanoseconds since 1970-01-01T00:00:00Z"),
                        "CLASS",
                        new H5py.Attr("bytes", "DIMENSION_SCALE"),
                        "NAME",
                        new H5py.Attr("bytes", "time"),
                        "REFERENCE_LIST",
                        new H5py.Attr("refs", "/ch1/voltage:0,/ch1/current:0,/ch2/temp:0")),
                h5.attrsOf("/time"));
        assertEquals(h5.attrsOf("/time"), h5.attrsOf("/ch1/time"));
        assertEquals(time, h5.datasets().get("/ch2/time"));
        assertEquals(
                Set.of(
                        "unit",
                        "units",
                        "sample_rate_hz",
                        "fill",
                        "aggregate",
                        "DIMENSION_LIST",
                        "max_gap_ns",
                        "samples_read",
                        "observed_cells",
                        "filled_cells",
                        "missing_cells",
                        "first_sample",
                        "last_sample"),
                h5.attrsOf("/ch1/voltage").keySet());
        assertEquals(new H5py.Attr("refs", "/time"), h5.attr("/ch1/voltage", "DIMENSION_LIST"));
        assertEquals(new H5py.Attr("refs", "/time"), h5.attr("/ch2/temp", "DIMENSION_LIST"));
        assertEquals(new H5py.Attr("str", "V"), h5.attr("/ch1/voltage", "unit"));
        assertEquals(new H5py.Attr("str", "V"), h5.attr("/ch1/voltage", "units"));
        assertEquals("<f8", h5.attr("/ch1/voltage", "sample_rate_hz").kind());
        assertEquals(1000.0, h5.attr("/ch1/voltage", "sample_rate_hz").asDouble());
        assertEquals(new H5py.Attr("str", "linear"), h5.attr("/ch1/voltage", "fill"));
        assertEquals(new H5py.Attr("str", "mean"), h5.attr("/ch1/voltage", "aggregate"));
        assertEquals(new H5py.Attr("str", "previous"), h5.attr("/ch1/current", "fill"));
        assertEquals(new H5py.Attr("str", "max"), h5.attr("/ch1/current", "aggregate"));
        assertEquals(new H5py.Attr("str", "°C"), h5.attr("/ch2/temp", "unit"));
        assertEquals(new H5py.Attr("str", "°C"), h5.attr("/ch2/temp", "units"));
        assertTrue(Double.isNaN(h5.attr("/ch2/temp", "sample_rate_hz").asDouble()), "irregular: NaN rate");
        assertEquals(new H5py.Attr("str", "none"), h5.attr("/ch2/temp", "fill"));
        assertEquals(new H5py.Attr("str", "last"), h5.attr("/ch2/temp", "aggregate"));
    }

    @Test
    void quality_flags_and_the_export_receipt_are_in_the_file_as_h5py_reads_them() throws Exception {
        long rows = 300; // five blocks of 64, the last one partial
        Path file = dir.resolve("quality.h5");
        ExportPlan plan = new ExportPlan(
                alignedPlan(rows).range(), Layout.ALIGNED, Format.HDF5, MS, List.of(VOLTAGE, TEMP), true);
        SyntheticSource source = new SyntheticSource(plan).aligned(VOLTAGE.key(), VOLTAGE_VALUES);
        sink.write(plan, source, file, ProgressListener.NONE);
        assertTrue(source.allClosed(), "every source closed");
        assertEquals(5, source.opened.get(), "time, and each signal twice: values, then flags");

        H5py.Summary h5 = H5py.summarize(file, 0, 1, 2, 3, 4, -1);
        assertEquals(
                Set.of(
                        "/time",
                        "/ch1/time",
                        "/ch1/voltage",
                        "/ch1/voltage:quality",
                        "/ch2/time",
                        "/ch2/temp",
                        "/ch2/temp:quality"),
                h5.datasets().keySet());
        assertEquals(
                new H5py.Attr("refs", "/ch1/voltage:0,/ch1/voltage:quality:0,/ch2/temp:0,/ch2/temp:quality:0"),
                h5.attr("/time", "REFERENCE_LIST"),
                "the flags are on the time dimension too");
        assertEquals(new H5py.Attr("refs", "/time"), h5.attr("/ch1/voltage:quality", "DIMENSION_LIST"));
        H5py.Dataset flags = h5.datasets().get("/ch1/voltage:quality");
        assertEquals("|u1", flags.dtype());
        assertEquals("300", flags.shape());
        // Values NaN, -0.0, MIN_VALUE, NaN, 0.4, ...: missing where NaN, else observed (the synthetic source).
        assertEquals(Map.of(0L, 2L, 1L, 0L, 2L, 0L, 3L, 2L, 4L, 0L, -1L, 0L), flags.elements());
        byte[] expected = new byte[(int) rows];
        expected[0] = 2;
        expected[3] = 2;
        assertEquals(Digests.sha256(expected), flags.sha256());
        assertEquals(
                new H5py.Attr("|u1", "0,1,2").value(),
                h5.attr("/ch1/voltage:quality", "flag_values").value());
        assertEquals(new H5py.Attr("str", "observed filled missing"), h5.attr("/ch1/voltage:quality", "flag_meanings"));

        assertEquals(new H5py.Attr("str", "/ch1/voltage:quality"), h5.attr("/ch1/voltage", "quality"));
        assertEquals(new H5py.Attr("str", "voltage:quality"), h5.attr("/ch1/voltage", "ancillary_variables"));
        assertEquals(new H5py.Attr("<i8", "298"), h5.attr("/ch1/voltage", "samples_read"));
        assertEquals(new H5py.Attr("<i8", "298"), h5.attr("/ch1/voltage", "observed_cells"));
        assertEquals(new H5py.Attr("<i8", "0"), h5.attr("/ch1/voltage", "filled_cells"));
        assertEquals(new H5py.Attr("<i8", "2"), h5.attr("/ch1/voltage", "missing_cells"));
        assertEquals(new H5py.Attr("<i8", "10000000"), h5.attr("/ch1/voltage", "max_gap_ns"));
        assertEquals(new H5py.Attr("str", "2025-01-23T14:00:00.000000000Z"), h5.attr("/ch1/voltage", "first_sample"));
        assertEquals(new H5py.Attr("str", "2025-01-23T14:00:00.299000000Z"), h5.attr("/ch1/voltage", "last_sample"));
        assertEquals(new H5py.Attr("str", "/ch2/temp:quality"), h5.attr("/ch2/temp", "quality"));
    }

    @Test
    void a_signal_without_samples_says_so_in_its_receipt_attributes() throws Exception {
        Path file = dir.resolve("empty.h5");
        ExportPlan plan = Plans.aligned(Format.HDF5, 10, MS, TEMP);
        sink.write(plan, new SyntheticSource(plan).aligned(TEMP.key(), i -> Double.NaN), file, ProgressListener.NONE);

        H5py.Summary h5 = H5py.summarize(file);
        assertEquals(new H5py.Attr("<i8", "0"), h5.attr("/ch2/temp", "samples_read"));
        assertEquals(new H5py.Attr("<i8", "10"), h5.attr("/ch2/temp", "missing_cells"));
        assertEquals(new H5py.Attr("str", ""), h5.attr("/ch2/temp", "first_sample"));
        assertEquals(new H5py.Attr("str", ""), h5.attr("/ch2/temp", "last_sample"));
        assertFalse(h5.attrsOf("/ch2/temp").containsKey("quality"), "no flags asked, none named");
    }

    @Test
    void aligned_file_reads_back_with_jhdf() throws Exception {
        long rows = 777;
        Path file = writeAligned(rows);

        try (HdfFile h5 = new HdfFile(file)) {
            assertArrayEquals(
                    LongStream.range(0, rows).map(i -> Plans.START + i * MS).toArray(),
                    (long[]) h5.getDatasetByPath("/time").getData());
            double[] voltage = (double[]) h5.getDatasetByPath("/ch1/voltage").getData();
            assertArrayEquals(
                    LongStream.range(0, rows)
                            .map(i -> bits(VOLTAGE_VALUES.applyAsDouble(i)))
                            .toArray(),
                    LongStream.range(0, rows).map(i -> bits(voltage[(int) i])).toArray());
            assertEquals(
                    "nanoseconds since 1970-01-01T00:00:00Z",
                    h5.getDatasetByPath("/time").getAttribute("units").getData());
            Dataset temp = h5.getDatasetByPath("/ch2/temp");
            assertEquals("°C", temp.getAttribute("unit").getData());
            assertTrue(Double.isNaN((Double) temp.getAttribute("sample_rate_hz").getData()));
            assertEquals(1, h5.getAttribute("format_version").getData());
            assertEquals(1_000_000L, h5.getAttribute("interval_ns").getData());
            assertEquals(
                    "2025-01-23T14:00:00.777Z",
                    h5.getAttribute("time_range_end").getData());
        }
    }

    @Test
    void many_signals_in_many_channels_are_all_readable() throws Exception {
        List<ExportColumn> columns = new ArrayList<>();
        for (int c = 0; c < 12; c++) {
            for (int s = 0; s < (c == 0 ? 40 : 2); s++) {
                columns.add(Plans.column("channel-" + c, "signal_" + s));
            }
        }
        ExportPlan plan = Plans.aligned(Format.HDF5, 10, MS, columns.toArray(ExportColumn[]::new));
        Path file = dir.resolve("wide.h5");
        sink.write(plan, new SyntheticSource(plan), file, ProgressListener.NONE);

        H5py.Summary h5 = H5py.summarize(file);
        assertEquals(columns.size() + 1 + 12, h5.datasets().size(), "signals, /time and one time link per channel");
        for (int c = 0; c < columns.size(); c++) {
            int column = c;
            assertEquals(
                    Digests.ofDoubles(10, i -> SyntheticSource.defaultValue(column, i)),
                    h5.datasets().get("/" + columns.get(c).key().path()).sha256(),
                    columns.get(c).key().path());
        }
    }

    /**
     * Issue 12: the file goes front to back into any channel, here one that cannot seek, byte for byte the file
     * the sink writes to disk (the disk variant is the same writer into a file channel).
     */
    @Test
    void a_channel_that_cannot_seek_gets_the_same_bytes_as_the_file_in_both_layouts() throws Exception {
        ExportPlan aligned = alignedPlan(1000);
        ExportColumn empty = Plans.column("ch1", "empty", "", null, Fill.LINEAR, Aggregate.MEAN);
        ExportPlan raw = Plans.raw(Format.HDF5, 1000 * MS, VOLTAGE, empty);
        long[] times = LongStream.range(0, 100).map(i -> Plans.START + i * 3).toArray();
        for (ExportPlan plan : List.of(aligned, raw)) {
            java.util.function.Supplier<SyntheticSource> source = () -> new SyntheticSource(plan)
                    .rawBlockSize(7)
                    .aligned(VOLTAGE.key(), VOLTAGE_VALUES)
                    .raw(VOLTAGE.key(), times, new double[100]);
            Path file = dir.resolve(plan.layout() + ".h5");
            sink.write(plan, source.get(), file, ProgressListener.NONE);
            ByteArrayOutputStream streamed = new ByteArrayOutputStream();
            SyntheticSource second = source.get();
            sink.write(plan, second, Channels.newChannel(streamed), ProgressListener.NONE);

            assertArrayEquals(Files.readAllBytes(file), streamed.toByteArray(), plan.layout() + " layout");
            assertTrue(second.allClosed());
        }
    }

    // ---- raw layout

    @Test
    void raw_file_has_one_group_per_signal_with_time_and_value() throws Exception {
        ExportColumn empty = Plans.column("ch1", "empty", "", null, Fill.LINEAR, Aggregate.MEAN);
        ExportPlan plan = Plans.raw(Format.HDF5, 10_000 * MS, VOLTAGE, empty, TEMP);
        long[] voltageTimes = {Plans.START, Plans.START + 3, Plans.START + MS, Plans.START + 9_999 * MS};
        double[] voltageValues = {Double.NaN, -0.0, 1.5, Double.longBitsToDouble(PAYLOAD_NAN)};
        long[] tempTimes = LongStream.range(0, 1000)
                .map(i -> Plans.START + i * 7 * MS + i % 3)
                .toArray();
        double[] tempValues =
                LongStream.range(0, 1000).mapToDouble(i -> 20 + i / 1000.0).toArray();
        SyntheticSource source = new SyntheticSource(plan)
                .rawBlockSize(7)
                .raw(VOLTAGE.key(), voltageTimes, voltageValues)
                .raw(TEMP.key(), tempTimes, tempValues);
        Path file = dir.resolve("raw.h5");

        new Hdf5ExportSink(CLOCK, 16).write(plan, source, file, ProgressListener.NONE);

        assertTrue(source.allClosed());
        H5py.Summary h5 = H5py.summarize(file, 0, 1, 3, -1);
        assertEquals(Set.of("/ch1", "/ch2", "/ch1/voltage", "/ch1/empty", "/ch2/temp"), h5.groups());
        assertEquals(
                Set.of(
                        "/ch1/voltage/time",
                        "/ch1/voltage/value",
                        "/ch1/empty/time",
                        "/ch1/empty/value",
                        "/ch2/temp/time",
                        "/ch2/temp/value"),
                h5.datasets().keySet());

        H5py.Dataset vTime = h5.datasets().get("/ch1/voltage/time");
        assertEquals("<i8", vTime.dtype());
        assertEquals("4", vTime.shape());
        assertEquals(Digests.ofLongs(voltageTimes), vTime.sha256());
        H5py.Dataset vValue = h5.datasets().get("/ch1/voltage/value");
        assertEquals("<f8", vValue.dtype());
        assertEquals(Digests.ofDoubles(voltageValues), vValue.sha256());
        assertEquals(0x8000_0000_0000_0000L, vValue.elements().get(1L));
        assertEquals(PAYLOAD_NAN, vValue.elements().get(3L));

        assertEquals("0", h5.datasets().get("/ch1/empty/time").shape());
        assertEquals("0", h5.datasets().get("/ch1/empty/value").shape());
        assertEquals("<f8", h5.datasets().get("/ch1/empty/value").dtype());
        assertEquals(
                Digests.ofLongs(new long[0]),
                h5.datasets().get("/ch1/empty/value").sha256());

        assertEquals(
                Digests.ofLongs(tempTimes), h5.datasets().get("/ch2/temp/time").sha256());
        assertEquals(
                Digests.ofDoubles(tempValues),
                h5.datasets().get("/ch2/temp/value").sha256());

        assertEquals(new H5py.Attr("<i8", "0"), h5.attr("/", "interval_ns"));
        assertEquals(new H5py.Attr("str", "raw"), h5.attr("/", "layout"));
        assertEquals(new H5py.Attr("str", "2025-01-23T14:00:10Z"), h5.attr("/", "time_range_end"));
        assertEquals(
                Set.of("unit", "sample_rate_hz"), h5.attrsOf("/ch1/voltage").keySet());
        assertEquals(new H5py.Attr("str", "V"), h5.attr("/ch1/voltage", "unit"));
        assertEquals(1000.0, h5.attr("/ch1/voltage", "sample_rate_hz").asDouble());
        assertEquals(new H5py.Attr("str", ""), h5.attr("/ch1/empty", "unit"));
        assertTrue(Double.isNaN(h5.attr("/ch2/temp", "sample_rate_hz").asDouble()));
        assertEquals(
                new H5py.Attr("str", "nanoseconds since 1970-01-01T00:00:00Z"), h5.attr("/ch2/temp/time", "units"));
        assertEquals(Map.of(), h5.attrsOf("/ch2/temp/value"));
    }

    @Test
    void raw_file_reads_back_with_jhdf() throws Exception {
        ExportColumn empty = Plans.column("ch1", "empty");
        ExportPlan plan = Plans.raw(Format.HDF5, 1000 * MS, VOLTAGE, empty);
        long[] times =
                LongStream.range(0, 300).map(i -> Plans.START + i * 3 * MS).toArray();
        double[] values = LongStream.range(0, 300)
                .mapToDouble(i -> i == 5 ? -0.0 : Math.sqrt(i))
                .toArray();
        Path file = dir.resolve("raw.h5");
        new Hdf5ExportSink(CLOCK, 32)
                .write(
                        plan,
                        new SyntheticSource(plan).rawBlockSize(50).raw(VOLTAGE.key(), times, values),
                        file,
                        ProgressListener.NONE);

        try (HdfFile h5 = new HdfFile(file)) {
            assertArrayEquals(
                    times, (long[]) h5.getDatasetByPath("/ch1/voltage/time").getData());
            double[] read = (double[]) h5.getDatasetByPath("/ch1/voltage/value").getData();
            assertArrayEquals(
                    LongStream.range(0, 300).map(i -> bits(values[(int) i])).toArray(),
                    IntStream.range(0, read.length)
                            .mapToLong(i -> bits(read[i]))
                            .toArray());
            assertEquals(0L, h5.getDatasetByPath("/ch1/empty/value").getSize());
            assertEquals("V", h5.getByPath("/ch1/voltage").getAttribute("unit").getData());
            assertEquals(0L, h5.getAttribute("interval_ns").getData());
        }
    }

    @Test
    void a_channel_named_time_is_fine_in_the_raw_layout() throws Exception {
        ExportColumn column = Plans.column("time", "value");
        ExportPlan plan = Plans.raw(Format.HDF5, MS, column);
        Path file = dir.resolve("raw.h5");
        sink.write(
                plan,
                new SyntheticSource(plan).raw(column.key(), new long[] {Plans.START}, new double[] {2}),
                file,
                ProgressListener.NONE);

        assertEquals(
                Set.of("/time/value/time", "/time/value/value"),
                H5py.summarize(file).datasets().keySet());
    }

    // ---- failures: no partial file, every source closed

    @ParameterizedTest(name = "{0} gives {1} values too many")
    @CsvSource({"time, 1", "time, -1", "ch1/voltage, 1", "ch1/voltage, -1", "ch2/temp, -64", "ch2/temp, 65"})
    void aligned_source_giving_other_than_n_values_fails_and_leaves_no_file(String name, long delta) {
        ExportPlan plan = alignedPlan(640);
        SyntheticSource source = new SyntheticSource(plan).miscount(name, delta);
        Path file = dir.resolve("out.h5");

        IllegalStateException e =
                assertThrows(IllegalStateException.class, () -> sink.write(plan, source, file, ProgressListener.NONE));

        assertTrue(e.getMessage().startsWith(name + ": the source gave"), e.getMessage());
        assertFalse(Files.exists(file), "partial file removed");
        assertTrue(source.allClosed(), "every opened source closed");
    }

    @ParameterizedTest(name = "raw cursor gives {0} samples more than counted")
    @CsvSource({"1", "-1", "-100", "100"})
    void raw_cursor_giving_other_than_the_counted_samples_fails_and_leaves_no_file(long delta) {
        ExportPlan plan = Plans.raw(Format.HDF5, 1000 * MS, VOLTAGE);
        long[] times = LongStream.range(0, 100).map(i -> Plans.START + i).toArray();
        SyntheticSource source = new SyntheticSource(plan)
                .rawBlockSize(30)
                .raw(VOLTAGE.key(), times, new double[100])
                .miscount("ch1/voltage", delta);
        Path file = dir.resolve("out.h5");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Hdf5ExportSink(CLOCK, 16)
                .write(plan, source, file, ProgressListener.NONE));

        assertTrue(e.getMessage().startsWith("ch1/voltage/time: the source gave"), e.getMessage());
        assertFalse(Files.exists(file));
        assertTrue(source.allClosed());
    }

    /** The raw layout reads a signal twice (times, then values): samples rewritten in between fail the export. */
    @Test
    void raw_samples_changed_between_the_two_reads_fail_the_export_and_leave_no_file() {
        ExportPlan plan = Plans.raw(Format.HDF5, 1000 * MS, VOLTAGE);
        long[] times = LongStream.range(0, 100).map(i -> Plans.START + i).toArray();
        long[] moved = LongStream.range(0, 100).map(i -> Plans.START + 2 * i).toArray();
        SyntheticSource first = new SyntheticSource(plan).rawBlockSize(30).raw(VOLTAGE.key(), times, new double[100]);
        SyntheticSource second = new SyntheticSource(plan).rawBlockSize(30).raw(VOLTAGE.key(), moved, new double[100]);
        AtomicInteger reads = new AtomicInteger();
        ExportSource rewrittenMeanwhile =
                withColumns(first, first::alignedColumn, column -> (reads.getAndIncrement() == 0 ? first : second)
                        .rawSamples(column));
        Path file = dir.resolve("out.h5");

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Hdf5ExportSink(CLOCK, 16)
                .write(plan, rewrittenMeanwhile, file, ProgressListener.NONE));

        assertTrue(
                e.getMessage().contains("changed between the read of their times and the read of their values"),
                e.getMessage());
        assertFalse(Files.exists(file));
        assertTrue(first.allClosed() && second.allClosed());
    }

    @Test
    void a_listener_that_throws_cancels_the_export_and_removes_the_file() {
        ExportPlan plan = alignedPlan(100_000);
        SyntheticSource source = new SyntheticSource(plan);
        Path file = dir.resolve("out.h5");
        CancellationException cancel = new CancellationException("job cancelled");
        List<Double> seen = new ArrayList<>();
        ProgressListener listener = (fraction, message) -> {
            seen.add(fraction);
            if (seen.size() == 3) {
                assertTrue(Files.exists(file), "the file is being written");
                throw cancel;
            }
        };

        CancellationException thrown = assertThrows(
                CancellationException.class, () -> new Hdf5ExportSink(CLOCK, 1024).write(plan, source, file, listener));

        assertSame(cancel, thrown);
        assertFalse(Files.exists(file));
        assertTrue(source.allClosed());
        assertEquals(3, seen.size(), "nothing reported after the cancel");
    }

    @Test
    void the_next_column_is_read_while_the_end_of_one_is_written() throws Exception {
        ExportPlan plan = alignedPlan(100_000);
        SyntheticSource source = new SyntheticSource(plan);
        AtomicLong voltageRead = new AtomicLong();
        AtomicLong voltageReadWhenCurrentOpened = new AtomicLong(-1);
        ExportSource counting = withColumns(
                source,
                column -> {
                    if (column.equals(CURRENT)) {
                        voltageReadWhenCurrentOpened.set(voltageRead.get());
                    }
                    AlignedCells cells = source.alignedColumn(column);
                    return !column.equals(VOLTAGE)
                            ? cells
                            : new AlignedCells() {
                                @Override
                                public int read(double[] values, byte[] quality) {
                                    int n = cells.read(values, quality);
                                    voltageRead.addAndGet(n);
                                    return n;
                                }

                                @Override
                                public SignalReceipt receipt() {
                                    return cells.receipt();
                                }

                                @Override
                                public void close() {
                                    cells.close();
                                }
                            };
                },
                source::rawSamples);
        boolean[] openedMeanwhile = new boolean[1];
        ProgressListener listener = (fraction, message) -> {
            if (message.equals("writing ch1/current")) {
                // The writer waits here, before it opens current: only a read ahead during voltage has opened it.
                openedMeanwhile[0] = Poll.until(() -> source.opened.get() == 3); // time, voltage, current
            }
        };

        new Hdf5ExportSink(CLOCK, 1024, 10_000).write(plan, counting, dir.resolve("out.h5"), listener);

        assertTrue(openedMeanwhile[0], "ch1/current was opened while ch1/voltage was written");
        assertTrue(
                voltageReadWhenCurrentOpened.get() >= 90_000,
                "not before the last 10,000 values of voltage: " + voltageReadWhenCurrentOpened.get());
        assertTrue(source.allClosed());
    }

    @Test
    void a_raw_signal_s_values_are_read_only_after_its_times_are_written() throws Exception {
        ExportPlan plan = Plans.raw(Format.HDF5, 1000 * MS, VOLTAGE);
        long[] times = LongStream.range(0, 100).map(i -> Plans.START + i).toArray();
        SyntheticSource samples = new SyntheticSource(plan).raw(VOLTAGE.key(), times, new double[100]);
        AtomicInteger passes = new AtomicInteger();
        ExportSource slowFirstPass = withColumns(samples, samples::alignedColumn, column -> {
            SampleCursor cursor = samples.rawSamples(column);
            if (passes.getAndIncrement() > 0) {
                return cursor;
            }
            return new SampleCursor() {
                @Override
                public SampleBlock next() {
                    // Were the values read meanwhile, their pass would end before this one and fail the check.
                    Poll.sleep(300);
                    return cursor.next();
                }

                @Override
                public void close() {
                    cursor.close();
                }
            };
        });
        Path file = dir.resolve("raw.h5");

        new Hdf5ExportSink(CLOCK, 1024).write(plan, slowFirstPass, file, ProgressListener.NONE);

        assertEquals(2, passes.get());
        assertTrue(samples.allClosed());
        try (HdfFile hdf = new HdfFile(file)) {
            assertArrayEquals(
                    times, (long[]) hdf.getDatasetByPath("/ch1/voltage/time").getData());
        }
    }

    /** {@code source}'s grid times and counts, with its columns from {@code alignedColumn} and {@code rawSamples}. */
    private static ExportSource withColumns(
            ExportSource source,
            Function<ExportColumn, AlignedCells> alignedColumn,
            Function<ExportColumn, SampleCursor> rawSamples) {
        return new ExportSource() {
            @Override
            public LongBlockSource gridTimes() {
                return source.gridTimes();
            }

            @Override
            public AlignedCells alignedColumn(ExportColumn column) {
                return alignedColumn.apply(column);
            }

            @Override
            public SampleCursor rawSamples(ExportColumn column) {
                return rawSamples.apply(column);
            }

            @Override
            public long rawCount(ExportColumn column) {
                return source.rawCount(column);
            }
        };
    }

    @Test
    void a_failed_write_leaves_no_file_descriptor_open() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs Linux /proc to see open files");
        ExportPlan plan = alignedPlan(1000);
        SyntheticSource source = new SyntheticSource(plan).miscount("ch2/temp", 1);
        Path file = dir.resolve("leak.h5");

        assertThrows(IllegalStateException.class, () -> sink.write(plan, source, file, ProgressListener.NONE));

        List<String> open = new ArrayList<>();
        try (var entries = Files.list(fds)) {
            for (Path fd : (Iterable<Path>) entries::iterator) {
                try {
                    open.add(Files.readSymbolicLink(fd).toString());
                } catch (java.io.IOException gone) {
                    // the listing's own descriptor, closed by now
                }
            }
        }
        assertEquals(
                List.of(),
                open.stream()
                        .filter(target -> target.startsWith(file.toString()))
                        .toList());
    }

    @Test
    void a_failing_source_fails_the_export_with_its_exception_and_removes_the_file() {
        ExportPlan plan = alignedPlan(1000);
        IllegalStateException broken = new IllegalStateException("database went away");
        SyntheticSource source = new SyntheticSource(plan).failAfter("ch1/current", 500, broken);
        Path file = dir.resolve("out.h5");

        assertSame(
                broken,
                assertThrows(IllegalStateException.class, () -> sink.write(plan, source, file, ProgressListener.NONE)));
        assertFalse(Files.exists(file));
        assertTrue(source.allClosed());
    }

    @Test
    void an_existing_target_is_left_alone_and_nothing_is_read() throws Exception {
        Path file = dir.resolve("out.h5");
        Files.writeString(file, "precious");
        ExportPlan plan = alignedPlan(10);
        SyntheticSource source = new SyntheticSource(plan);

        assertThrows(FileAlreadyExistsException.class, () -> sink.write(plan, source, file, ProgressListener.NONE));

        assertEquals("precious", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(0, source.opened.get());
    }

    @Test
    void a_channel_named_time_is_refused_in_the_aligned_layout_before_any_file_exists() {
        ExportPlan plan = Plans.aligned(Format.HDF5, 10, MS, Plans.column("time", "x"));
        assertRefusedBeforeAnyFile(plan);
    }

    @Test
    void dot_names_are_refused_before_any_file_exists() {
        ExportPlan plan = Plans.raw(Format.HDF5, 10, Plans.column("ch1", ".."));
        assertRefusedBeforeAnyFile(plan);
    }

    @Test
    void a_csv_plan_is_refused() {
        ExportPlan plan = Plans.aligned(Format.CSV, 10, MS, VOLTAGE);

        assertThrows(
                IllegalArgumentException.class,
                () -> sink.write(plan, new SyntheticSource(plan), dir.resolve("out.h5"), ProgressListener.NONE));
    }

    // ---- progress

    @Test
    void progress_covers_all_datasets_and_is_reported_at_most_every_few_megabytes() throws Exception {
        long rows = 1_000_000; // 8 MB per dataset, 32 MB in all
        ExportPlan plan = alignedPlan(rows);
        List<Double> fractions = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        new Hdf5ExportSink(CLOCK).write(plan, new SyntheticSource(plan), dir.resolve("out.h5"), (f, m) -> {
            fractions.add(f);
            messages.add(m);
        });

        long totalBytes = 4 * rows * 8;
        long most = 4 + totalBytes / Hdf5ExportSink.REPORT_EVERY_BYTES + 1;
        assertTrue(fractions.size() <= most, fractions.size() + " reports, at most " + most);
        assertTrue(fractions.size() >= 4 + 1, "one per dataset and the end");
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "never goes back: " + fractions);
        }
        assertEquals(1.0, fractions.get(fractions.size() - 1));
        assertTrue(
                messages.containsAll(
                        List.of("writing time", "writing ch1/voltage", "writing ch1/current", "writing ch2/temp")),
                messages.toString());
    }

    // ---- encoding details

    @Test
    void numbers_are_typed_little_endian_whatever_the_platform() {
        assertEquals(
                java.nio.ByteOrder.LITTLE_ENDIAN,
                ((io.jhdf.object.datatype.OrderedDataType) Hdf5Objects.INT64).getByteOrder());
        assertEquals(
                java.nio.ByteOrder.LITTLE_ENDIAN,
                ((io.jhdf.object.datatype.OrderedDataType) Hdf5Objects.FLOAT64).getByteOrder());
        assertEquals(long.class, Hdf5Objects.INT64.getJavaType());
        assertEquals(double.class, Hdf5Objects.FLOAT64.getJavaType());
    }

    @Test
    void a_unit_longer_than_a_header_message_is_written_whole() throws Exception {
        String unit = "µ".repeat(40_000); // 80 000 bytes of UTF-8: more than one 64 KiB header message
        ExportColumn column = Plans.column("ch1", "x", unit, 1.0, Fill.LINEAR, Aggregate.MEAN);
        ExportPlan plan = Plans.aligned(Format.HDF5, 10, MS, column);
        Path file = dir.resolve("out.h5");

        sink.write(plan, new SyntheticSource(plan), file, ProgressListener.NONE);

        H5py.Summary h5 = H5py.summarize(file);
        assertEquals(new H5py.Attr("str", unit), h5.attr("/ch1/x", "unit"));
        assertEquals(new H5py.Attr("str", unit), h5.attr("/ch1/x", "units"));
    }

    @Test
    void an_export_logs_no_warning_and_no_jhdf_alpha_notice() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LoggerFactory.getLogger("io.jhdf.WritableHdfFile").warn("control"); // the capture sees jHDF's logger
            writeAligned(10);
        } finally {
            System.setErr(original);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("control"), log);
        assertFalse(log.contains("alpha"), log);
        assertEquals(1, log.lines().count(), log);
    }

    @Test
    void a_signal_named_time_is_refused_in_the_aligned_layout_before_any_file_exists() {
        ExportPlan plan = Plans.aligned(Format.HDF5, 10, MS, Plans.column("ch1", "time"));
        assertRefusedBeforeAnyFile(plan);
    }

    @Test
    void more_signals_than_one_dimension_scale_can_list_are_refused_before_any_file_exists() {
        ExportColumn[] columns = IntStream.range(0, Hdf5ExportSink.MAX_ALIGNED_SIGNALS + 1)
                .mapToObj(i -> Plans.column("ch1", "s" + i))
                .toArray(ExportColumn[]::new);
        ExportPlan plan = Plans.aligned(Format.HDF5, 1, MS, columns);
        assertRefusedBeforeAnyFile(plan);
    }

    @Test
    void with_quality_half_as_many_signals_fit_since_their_flags_are_attached_to_time_too() throws Exception {
        ExportColumn[] columns = IntStream.range(0, Hdf5ExportSink.MAX_ALIGNED_SIGNALS / 2 + 1)
                .mapToObj(i -> Plans.column("channel", "signal_with_a_long_name_" + i))
                .toArray(ExportColumn[]::new);
        ExportPlan aligned = Plans.aligned(Format.HDF5, 2, MS, columns);
        ExportPlan tooMany = new ExportPlan(aligned.range(), Layout.ALIGNED, Format.HDF5, MS, aligned.columns(), true);
        assertRefusedBeforeAnyFile(tooMany);

        ExportPlan most = new ExportPlan(
                aligned.range(),
                Layout.ALIGNED,
                Format.HDF5,
                MS,
                aligned.columns().subList(0, Hdf5ExportSink.MAX_ALIGNED_SIGNALS / 2),
                true);
        Path file = dir.resolve("out.h5");
        sink.write(most, new SyntheticSource(most), file, ProgressListener.NONE);

        assertEquals(
                Hdf5ExportSink.MAX_ALIGNED_SIGNALS + " /channel/signal_with_a_long_name_1999:quality time",
                H5py.eval(
                        file,
                        "refs = f['time'].attrs['REFERENCE_LIST']; "
                                + "last = f['channel/signal_with_a_long_name_1999:quality']; "
                                + "print(len(refs), f[refs[-1][0]].name, f[last.attrs['DIMENSION_LIST'][0][0]].attrs['NAME']"
                                + ".decode())"));
    }

    @Test
    void the_most_signals_allowed_fit_in_the_file() throws Exception {
        ExportColumn[] columns = IntStream.range(0, Hdf5ExportSink.MAX_ALIGNED_SIGNALS)
                .mapToObj(i -> Plans.column("channel", "signal_with_a_long_name_" + i))
                .toArray(ExportColumn[]::new);
        ExportPlan plan = Plans.aligned(Format.HDF5, 2, MS, columns);
        Path file = dir.resolve("out.h5");

        sink.write(plan, new SyntheticSource(plan), file, ProgressListener.NONE);

        assertEquals(
                Hdf5ExportSink.MAX_ALIGNED_SIGNALS + " /channel/signal_with_a_long_name_3999 time",
                H5py.eval(
                        file,
                        "refs = f['time'].attrs['REFERENCE_LIST']; "
                                + "last = f['channel/signal_with_a_long_name_3999']; "
                                + "print(len(refs), f[refs[-1][0]].name, f[last.attrs['DIMENSION_LIST'][0][0]].attrs['NAME']"
                                + ".decode())"));
    }

    private static long bits(double value) {
        return Double.doubleToRawLongBits(value);
    }

    /** The plan is refused as an invalid request, and no file is left where it would have been written. */
    private void assertRefusedBeforeAnyFile(ExportPlan plan) {
        Path file = dir.resolve("refused.h5");
        assertThrows(
                InvalidRequestException.class,
                () -> sink.write(plan, new SyntheticSource(plan), file, ProgressListener.NONE));
        assertFalse(Files.exists(file));
    }
}
