package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.SECOND;
import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.readAll;
import static com.speeddata.pivot.export.Fixtures.write;
import static com.speeddata.pivot.export.Fixtures.writeRegular;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.testing.InMemoryStore;
import com.speeddata.pivot.time.TimeRange;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreExportSourceTest {

    @Test
    void grid_times_are_start_plus_i_intervals_inside_the_range() {
        InMemoryStore store = new InMemoryStore();
        define(store, "ch1/a", 1.0);
        ExportPlan plan = aligned(100, 131, 10, column(store, "ch1/a", Fill.NONE, Aggregate.MEAN));
        long[] buffer = new long[3];
        try (LongBlockSource times = new StoreExportSource(plan, store).gridTimes()) {
            assertEquals(3, times.read(buffer));
            assertArrayEquals(new long[] {100, 110, 120}, buffer);
            assertEquals(1, times.read(buffer));
            assertEquals(130, buffer[0]);
            assertEquals(0, times.read(buffer));
        }
    }

    @Test
    void multi_rate_signals_share_the_grid_of_the_fastest() {
        InMemoryStore store = new InMemoryStore(3);
        define(store, "ch1/fast", 1000.0);
        define(store, "ch2/slow", 250.0);
        writeRegular(store, "ch1/fast", 0, MS, 0, 1, 2, 3, 4, 5, 6, 7, 8);
        writeRegular(store, "ch2/slow", 0, 4 * MS, 0, 40, 80);
        ExportPlan plan = aligned(
                0,
                9 * MS,
                MS,
                column(store, "ch1/fast", Fill.LINEAR, Aggregate.MEAN),
                column(store, "ch2/slow", Fill.LINEAR, Aggregate.MEAN));
        StoreExportSource source = new StoreExportSource(plan, store);
        try (DoubleBlockSource fast = source.alignedColumn(plan.columns().get(0));
                DoubleBlockSource slow = source.alignedColumn(plan.columns().get(1))) {
            assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, readAll(fast, 9, 4));
            assertArrayEquals(new double[] {0, 10, 20, 30, 40, 50, 60, 70, 80}, readAll(slow, 9, 4));
        }
    }

    @Test
    void irregular_signal_on_a_regular_grid_aggregates_and_fills() {
        InMemoryStore store = new InMemoryStore(2);
        define(store, "ch1/events", null);
        write(store, "ch1/events", new long[] {SECOND / 10, SECOND / 5, 3 * SECOND + 7}, new double[] {1, 3, 9});
        ExportPlan plan = aligned(0, 4 * SECOND, SECOND, column(store, "ch1/events", Fill.PREVIOUS, Aggregate.MEAN));
        assertArrayEquals(new double[] {2, 3, 3, 9}, Fixtures.export(store, plan, 2));
    }

    @Test
    void raw_samples_and_count_cover_exactly_the_range() {
        InMemoryStore memory = new InMemoryStore(2);
        define(memory, "ch1/a", null);
        write(memory, "ch1/a", new long[] {-1, 0, 5, 9, 10}, new double[] {1, 2, 3, 4, 5});
        CountingStore store = new CountingStore(memory);
        ExportPlan plan = new ExportPlan(
                new TimeRange(0, 10),
                Layout.RAW,
                Format.HDF5,
                0,
                List.of(column(memory, "ch1/a", Fill.LINEAR, Aggregate.MEAN)));
        StoreExportSource source = new StoreExportSource(plan, store);
        assertEquals(3, source.rawCount(plan.columns().get(0)));
        List<Long> times = new ArrayList<>();
        try (SampleCursor cursor = source.rawSamples(plan.columns().get(0))) {
            for (SampleBlock block = cursor.next(); block != null; block = cursor.next()) {
                for (long t : block.times()) {
                    times.add(t);
                }
            }
        }
        assertEquals(List.of(0L, 5L, 9L), times);
        assertEquals(1, store.counts);
        assertEquals(0, store.openCursors);
    }

    @Test
    void raw_plan_has_no_grid() {
        InMemoryStore store = new InMemoryStore();
        define(store, "ch1/a", null);
        ExportPlan plan = new ExportPlan(
                new TimeRange(0, 10),
                Layout.RAW,
                Format.HDF5,
                0,
                List.of(column(store, "ch1/a", Fill.LINEAR, Aggregate.MEAN)));
        StoreExportSource source = new StoreExportSource(plan, store);
        assertThrows(IllegalStateException.class, source::gridTimes);
        assertThrows(
                IllegalStateException.class,
                () -> source.alignedColumn(plan.columns().get(0)));
    }
}
