package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.SECOND;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.info;
import static com.speeddata.pivot.export.Fixtures.write;
import static com.speeddata.pivot.export.Fixtures.writeRegular;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.testing.InMemoryStore;
import com.speeddata.pivot.time.TimeRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class SizeEstimatorTest {
    private final InMemoryStore store = new InMemoryStore();

    SizeEstimatorTest() {
        define(store, "ch1/a", 1000.0);
        define(store, "ch1/b", 1000.0);
        define(store, "ch2/events", null);
        define(store, "ch3/empty", 10.0);
        writeRegular(store, "ch1/a", 0, MS, new double[10_000]); // 10 s at 1 kHz
        write(store, "ch2/events", new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 10 * SECOND}, new double[10]);
    }

    private ExportPlan plan(Layout layout, Format format, long start, long end, long interval, String... paths) {
        List<ExportColumn> columns = java.util.Arrays.stream(paths)
                .map(p -> column(store, p, Fill.LINEAR, Aggregate.MEAN))
                .toList();
        return new ExportPlan(new TimeRange(start, end), layout, format, interval, columns);
    }

    @Test
    void aligned_hdf5_is_eight_bytes_per_cell_and_time_plus_fixed_overhead() {
        SizeEstimate estimate =
                SizeEstimator.estimate(plan(Layout.ALIGNED, Format.HDF5, 0, SECOND, MS, "ch1/a", "ch1/b"));
        assertEquals(new SizeEstimate(1000 * 8 * 3 + 1024 + 2 * 1024, 1000, 2), estimate);
    }

    @Test
    void quality_flags_add_a_byte_per_cell_in_hdf5_and_two_in_csv() {
        ExportPlan hdf5 = plan(Layout.ALIGNED, Format.HDF5, 0, SECOND, MS, "ch1/a", "ch1/b");
        ExportPlan csv = plan(Layout.ALIGNED, Format.CSV, 0, SECOND, MS, "ch1/a", "ch1/b");
        assertEquals(
                SizeEstimator.estimate(hdf5).bytes() + 1000 * 2 + 2 * 1024,
                SizeEstimator.estimate(
                                new ExportPlan(hdf5.range(), hdf5.layout(), hdf5.format(), MS, hdf5.columns(), true))
                        .bytes());
        assertEquals(
                SizeEstimator.estimate(csv).bytes() + 1000 * 2 * 2 + ",ch1/a:quality,ch1/b:quality".length(),
                SizeEstimator.estimate(new ExportPlan(csv.range(), csv.layout(), csv.format(), MS, csv.columns(), true))
                        .bytes());
    }

    @Test
    void aligned_csv_assumes_thirty_bytes_per_time_and_twenty_two_per_value() {
        SizeEstimate estimate =
                SizeEstimator.estimate(plan(Layout.ALIGNED, Format.CSV, 0, SECOND, MS, "ch1/a", "ch1/b"));
        long header = "time,ch1/a,ch1/b\n".length();
        assertEquals(new SizeEstimate(header + 1000 * (30 + 2 * 22), 1000, 2), estimate);
    }

    @Test
    void raw_regular_signal_expects_rate_times_the_stored_part_of_the_range() {
        assertEquals(
                1000,
                SizeEstimator.estimate(plan(Layout.RAW, Format.HDF5, 0, SECOND, 0, "ch1/a"))
                        .rows());
        assertEquals(
                500,
                SizeEstimator.estimate(plan(Layout.RAW, Format.HDF5, 9500 * MS, 20 * SECOND, 0, "ch1/a"))
                        .rows());
        assertEquals(
                10_000,
                SizeEstimator.estimate(plan(Layout.RAW, Format.HDF5, -SECOND, 60 * SECOND, 0, "ch1/a"))
                        .rows());
        assertEquals(
                0,
                SizeEstimator.estimate(plan(Layout.RAW, Format.HDF5, 20 * SECOND, 30 * SECOND, 0, "ch1/a"))
                        .rows());
        assertEquals(
                0,
                SizeEstimator.estimate(plan(Layout.RAW, Format.HDF5, 0, SECOND, 0, "ch3/empty"))
                        .rows());
    }

    @Test
    void raw_irregular_signal_expects_its_count_spread_evenly_over_its_stored_span() {
        assertEquals(10, SizeEstimator.expectedSamples(info(store, "ch2/events"), new TimeRange(0, 11 * SECOND)));
        assertEquals(5, SizeEstimator.expectedSamples(info(store, "ch2/events"), new TimeRange(0, 5 * SECOND)));
    }

    @Test
    void raw_hdf5_is_sixteen_bytes_per_sample_plus_two_datasets_per_column() {
        SizeEstimate estimate =
                SizeEstimator.estimate(plan(Layout.RAW, Format.HDF5, 0, SECOND, 0, "ch1/a", "ch3/empty"));
        assertEquals(new SizeEstimate(1000 * 16 + 1024 + 2 * 2 * 1024, 1000, 2), estimate);
    }

    @Test
    void absurd_plan_saturates_instead_of_overflowing() {
        String[] many = new String[2000];
        java.util.Arrays.fill(many, "ch1/a");
        SizeEstimate estimate = SizeEstimator.estimate(
                plan(Layout.ALIGNED, Format.HDF5, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 1, many));
        assertEquals(Long.MAX_VALUE, estimate.bytes());
        assertEquals(
                Long.MAX_VALUE,
                SizeEstimator.estimate(
                                plan(Layout.ALIGNED, Format.CSV, Long.MIN_VALUE / 2, Long.MAX_VALUE / 2, 1, many))
                        .bytes());
    }
}
