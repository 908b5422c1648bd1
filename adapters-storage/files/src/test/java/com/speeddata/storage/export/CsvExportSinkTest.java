package com.speeddata.storage.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.export.Aggregate;
import com.speeddata.pivot.export.ExportColumn;
import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.Fill;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.ProgressListener;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CsvExportSinkTest {
    static final long MS = 1_000_000L;
    static final ExportColumn VOLTAGE = Plans.column("ch1", "voltage");
    static final ExportColumn TEMP = Plans.column("ch2", "temp", "°C", null, Fill.NONE, Aggregate.LAST);

    @TempDir
    Path dir;

    @Test
    void aligned_csv_is_exactly_as_the_contract_says() throws Exception {
        ExportPlan plan = Plans.aligned(Format.CSV, 5, 1_500_000, VOLTAGE, TEMP);
        double[] voltage = {Double.NaN, -0.0, 0.1, 1e-300, 12345.678};
        SyntheticSource source = new SyntheticSource(plan)
                .aligned(VOLTAGE.key(), i -> voltage[(int) i])
                .aligned(TEMP.key(), i -> i == 3 ? Double.NaN : 20 + i);
        Path file = dir.resolve("out.csv");

        new CsvExportSink(2).write(plan, source, file, ProgressListener.NONE);

        assertEquals(
                """
                time,ch1/voltage,ch2/temp
                2025-01-23T14:00:00.000000000Z,,20.0
                2025-01-23T14:00:00.001500000Z,-0.0,21.0
                2025-01-23T14:00:00.003000000Z,0.1,22.0
                2025-01-23T14:00:00.004500000Z,1.0E-300,
                2025-01-23T14:00:00.006000000Z,12345.678,24.0
                """,
                Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(source.allClosed());
    }

    @Test
    void quality_adds_a_flag_column_after_each_signal() throws Exception {
        ExportPlan plan = new ExportPlan(
                Plans.aligned(Format.CSV, 4, MS, VOLTAGE, TEMP).range(),
                Layout.ALIGNED,
                Format.CSV,
                MS,
                java.util.List.of(VOLTAGE, TEMP),
                true);
        SyntheticSource source = new SyntheticSource(plan)
                .aligned(VOLTAGE.key(), i -> i == 1 ? Double.NaN : i)
                .aligned(TEMP.key(), i -> i == 3 ? Double.NaN : 20 + i);
        Path file = dir.resolve("quality.csv");

        new CsvExportSink(3).write(plan, source, file, ProgressListener.NONE);

        assertEquals(
                """
                time,ch1/voltage,ch1/voltage:quality,ch2/temp,ch2/temp:quality
                2025-01-23T14:00:00.000000000Z,0.0,0,20.0,0
                2025-01-23T14:00:00.001000000Z,,2,21.0,0
                2025-01-23T14:00:00.002000000Z,2.0,0,22.0,0
                2025-01-23T14:00:00.003000000Z,3.0,0,,2
                """,
                Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(source.allClosed());
    }

    @Test
    void aligned_values_read_back_bit_for_bit_across_many_blocks_in_the_shortest_digits() throws Exception {
        long rows = 1000;
        SplittableRandom random = new SplittableRandom(7);
        double[] values = new double[(int) rows];
        for (int i = 0; i < rows; i++) {
            double v;
            do {
                v = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(v));
            values[i] = v;
        }
        values[17] = Double.NaN;
        values[18] = -0.0;
        values[19] = Double.MIN_VALUE;
        values[20] = Double.MAX_VALUE;
        LongToDoubleFunction valueAt = i -> values[(int) i];
        ExportPlan plan = Plans.aligned(Format.CSV, rows, 3, VOLTAGE, TEMP);
        Path file = dir.resolve("out.csv");

        new CsvExportSink(7)
                .write(plan, new SyntheticSource(plan).aligned(VOLTAGE.key(), valueAt), file, ProgressListener.NONE);

        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertEquals(rows + 1, lines.size());
        for (int i = 0; i < rows; i++) {
            String[] fields = lines.get(i + 1).split(",", -1);
            assertEquals(3, fields.length);
            Instant time = Instant.parse(fields[0]);
            assertEquals(plan.gridTime(i), time.getEpochSecond() * 1_000_000_000L + time.getNano());
            if (Double.isNaN(values[i])) {
                assertEquals("", fields[1]);
            } else {
                assertEquals(
                        Double.doubleToRawLongBits(values[i]),
                        Double.doubleToRawLongBits(Double.parseDouble(fields[1])),
                        "row " + i);
                assertTrue(
                        fields[1].length() <= Double.toString(values[i]).length(),
                        fields[1] + " is no longer than Java's " + values[i]);
            }
            assertEquals(SyntheticSource.defaultValue(1, i), Double.parseDouble(fields[2]));
        }
    }

    @Test
    void raw_csv_is_long_format_column_after_column() throws Exception {
        ExportColumn empty = Plans.column("ch1", "empty");
        ExportPlan plan = Plans.raw(Format.CSV, 1000 * MS, VOLTAGE, empty, TEMP);
        SyntheticSource source = new SyntheticSource(plan)
                .rawBlockSize(2)
                .raw(VOLTAGE.key(), new long[] {Plans.START, Plans.START + 1, Plans.START + 2 * MS}, new double[] {
                    1.5, Double.NaN, -0.0
                })
                .raw(TEMP.key(), new long[] {Plans.START + 999 * MS}, new double[] {21.25});
        Path file = dir.resolve("raw.csv");

        new CsvExportSink().write(plan, source, file, ProgressListener.NONE);

        assertEquals(
                """
                time,signal,value
                2025-01-23T14:00:00.000000000Z,ch1/voltage,1.5
                2025-01-23T14:00:00.000000001Z,ch1/voltage,
                2025-01-23T14:00:00.002000000Z,ch1/voltage,-0.0
                2025-01-23T14:00:00.999000000Z,ch2/temp,21.25
                """,
                Files.readString(file, StandardCharsets.UTF_8));
        assertTrue(source.allClosed());
    }

    @ParameterizedTest(name = "{0} gives {1} values too many")
    @CsvSource({"time, 1", "time, -1", "ch1/voltage, 1", "ch1/voltage, -1", "ch2/temp, -7", "ch2/temp, 8"})
    void aligned_source_giving_other_than_n_values_fails_and_leaves_no_file(String name, long delta) {
        ExportPlan plan = Plans.aligned(Format.CSV, 70, MS, VOLTAGE, TEMP);
        SyntheticSource source = new SyntheticSource(plan).miscount(name, delta);
        Path file = dir.resolve("out.csv");

        assertThrows(IllegalStateException.class, () -> new CsvExportSink(7)
                .write(plan, source, file, ProgressListener.NONE));

        assertFalse(Files.exists(file));
        assertTrue(source.allClosed());
    }

    @Test
    void a_listener_that_throws_cancels_the_export_and_removes_the_file() {
        ExportPlan plan = Plans.aligned(Format.CSV, 1_000_000, MS, VOLTAGE, TEMP);
        SyntheticSource source = new SyntheticSource(plan);
        Path file = dir.resolve("out.csv");
        CancellationException cancel = new CancellationException("job cancelled");
        List<Double> seen = new ArrayList<>();

        CancellationException thrown = assertThrows(CancellationException.class, () -> new CsvExportSink()
                .write(plan, source, file, (fraction, message) -> {
                    seen.add(fraction);
                    if (fraction > 0.1) {
                        throw cancel;
                    }
                }));

        assertSame(cancel, thrown);
        assertFalse(Files.exists(file));
        assertTrue(source.allClosed());
        assertTrue(seen.size() >= 2, "reported while writing: " + seen);
    }

    @Test
    void progress_ends_at_one_and_is_not_reported_per_row() throws Exception {
        long rows = 200_000;
        ExportPlan plan = Plans.aligned(Format.CSV, rows, MS, VOLTAGE, TEMP);
        List<Double> fractions = new ArrayList<>();
        Path file = dir.resolve("out.csv");

        new CsvExportSink().write(plan, new SyntheticSource(plan), file, (f, m) -> fractions.add(f));

        long bytes = Files.size(file);
        assertTrue(fractions.size() <= 2 + bytes / (1 << 20), fractions.size() + " reports for " + bytes + " bytes");
        assertEquals(1.0, fractions.get(fractions.size() - 1));
    }

    @Test
    void a_failing_source_fails_the_export_with_its_exception_and_removes_the_file() {
        ExportPlan plan = Plans.aligned(Format.CSV, 1000, MS, VOLTAGE, TEMP);
        IllegalStateException broken = new IllegalStateException("database went away");
        SyntheticSource source = new SyntheticSource(plan).failAfter("ch2/temp", 300, broken);
        Path file = dir.resolve("out.csv");

        assertSame(broken, assertThrows(IllegalStateException.class, () -> new CsvExportSink(100)
                .write(plan, source, file, ProgressListener.NONE)));
        assertFalse(Files.exists(file));
        assertTrue(source.allClosed());
    }

    @Test
    void an_existing_target_is_left_alone_and_nothing_is_read() throws Exception {
        Path file = dir.resolve("out.csv");
        Files.writeString(file, "precious");
        ExportPlan plan = Plans.aligned(Format.CSV, 10, MS, VOLTAGE);
        SyntheticSource source = new SyntheticSource(plan);

        assertThrows(FileAlreadyExistsException.class, () -> new CsvExportSink()
                .write(plan, source, file, ProgressListener.NONE));

        assertEquals("precious", Files.readString(file));
        assertEquals(0, source.opened.get());
    }

    @Test
    void an_hdf5_plan_is_refused() {
        ExportPlan plan = Plans.aligned(Format.HDF5, 10, MS, VOLTAGE);

        assertThrows(IllegalArgumentException.class, () -> new CsvExportSink()
                .write(plan, new SyntheticSource(plan), dir.resolve("out.csv"), ProgressListener.NONE));
    }
}
