package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.export;
import static com.speeddata.pivot.export.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.testing.InMemoryStore;
import org.junit.jupiter.api.Test;

class AlignedFillTest {
    private static final String SIGNAL = "ch1/temp";
    private static final double NAN = Double.NaN;

    private static InMemoryStore storeWith(long[] times, double[] values) {
        InMemoryStore store = new InMemoryStore(2);
        define(store, SIGNAL, null);
        write(store, SIGNAL, times, values);
        return store;
    }

    private static double[] exportWith(InMemoryStore store, Fill fill, long start, long end, long interval) {
        return export(store, aligned(start, end, interval, column(store, SIGNAL, fill, Aggregate.MEAN)));
    }

    @Test
    void linear_fill_interpolates_between_the_samples_around_empty_cells() {
        InMemoryStore store = storeWith(new long[] {0, 40}, new double[] {0, 8});
        assertArrayEquals(new double[] {0, 2, 4, 6, 8}, exportWith(store, Fill.LINEAR, 0, 50, 10));
    }

    @Test
    void previous_fill_repeats_the_last_sample_before_the_cell() {
        InMemoryStore store = storeWith(new long[] {0, 40}, new double[] {1, 8});
        assertArrayEquals(new double[] {1, 1, 1, 1, 8, 8}, exportWith(store, Fill.PREVIOUS, 0, 60, 10));
    }

    @Test
    void previous_fill_takes_the_last_sample_not_the_cells_aggregate() {
        InMemoryStore store = storeWith(new long[] {0, 5}, new double[] {1, 3});
        assertArrayEquals(new double[] {2, 3, 3}, exportWith(store, Fill.PREVIOUS, 0, 30, 10));
    }

    @Test
    void nearest_fill_takes_the_closer_sample_and_the_previous_on_a_tie() {
        InMemoryStore store = storeWith(new long[] {0, 40}, new double[] {1, 8});
        // Cell times 0 10 20 30 40: 20 is a tie and goes to the previous sample.
        assertArrayEquals(new double[] {1, 1, 1, 8, 8}, exportWith(store, Fill.NEAREST, 0, 50, 10));
    }

    @Test
    void none_fill_leaves_empty_cells_nan() {
        InMemoryStore store = storeWith(new long[] {0, 40}, new double[] {1, 8});
        assertArrayEquals(new double[] {1, NAN, NAN, NAN, 8}, exportWith(store, Fill.NONE, 0, 50, 10));
    }

    @Test
    void fills_look_outside_the_range_for_neighbours() {
        InMemoryStore store = storeWith(new long[] {-100, 100}, new double[] {0, 20});
        assertArrayEquals(new double[] {10, 11, 12}, exportWith(store, Fill.LINEAR, 0, 30, 10));
        assertArrayEquals(new double[] {0, 0, 0}, exportWith(store, Fill.PREVIOUS, 0, 30, 10));
        assertArrayEquals(new double[] {0, 20, 20}, exportWith(store, Fill.NEAREST, 0, 30, 10));
    }

    @Test
    void sample_exactly_at_the_range_end_is_the_next_neighbour() {
        InMemoryStore store = storeWith(new long[] {0, 30}, new double[] {0, 3});
        assertArrayEquals(new double[] {0, 1, 2}, exportWith(store, Fill.LINEAR, 0, 30, 10));
    }

    @Test
    void linear_fill_without_a_neighbour_on_one_side_is_nan() {
        InMemoryStore store = storeWith(new long[] {20}, new double[] {5});
        assertArrayEquals(new double[] {NAN, NAN, 5, NAN}, exportWith(store, Fill.LINEAR, 0, 40, 10));
    }

    @Test
    void nearest_fill_with_one_neighbour_takes_it_and_with_none_is_nan() {
        InMemoryStore store = storeWith(new long[] {20}, new double[] {5});
        assertArrayEquals(new double[] {5, 5, 5, 5}, exportWith(store, Fill.NEAREST, 0, 40, 10));
        InMemoryStore empty = storeWith(new long[] {}, new double[] {});
        assertArrayEquals(new double[] {NAN, NAN}, exportWith(empty, Fill.NEAREST, 0, 20, 10));
    }

    @Test
    void previous_fill_before_any_sample_is_nan() {
        InMemoryStore store = storeWith(new long[] {20}, new double[] {5});
        assertArrayEquals(new double[] {NAN, NAN, 5, 5}, exportWith(store, Fill.PREVIOUS, 0, 40, 10));
    }

    @Test
    void linear_fill_does_not_bridge_a_stored_gap() {
        InMemoryStore store = storeWith(new long[] {0, 20, 40}, new double[] {1, NAN, 5});
        assertArrayEquals(new double[] {1, NAN, NAN, NAN, 5}, exportWith(store, Fill.LINEAR, 0, 50, 10));
        assertArrayEquals(new double[] {1, 1, NAN, NAN, 5}, exportWith(store, Fill.PREVIOUS, 0, 50, 10));
    }

    @Test
    void linear_fill_between_equal_values_is_exactly_that_value() {
        InMemoryStore store = storeWith(new long[] {0, 70}, new double[] {0.1, 0.1});
        for (double v : exportWith(store, Fill.LINEAR, 0, 70, 10)) {
            assertEquals(0.1, v);
        }
    }

    @Test
    void linear_fill_between_extreme_values_does_not_overflow() {
        InMemoryStore store = storeWith(new long[] {0, 40}, new double[] {-Double.MAX_VALUE, Double.MAX_VALUE});
        double[] filled = exportWith(store, Fill.LINEAR, 0, 40, 10);
        assertEquals(-Double.MAX_VALUE / 2, filled[1], Math.ulp(Double.MAX_VALUE));
        assertEquals(0, filled[2], Math.ulp(Double.MAX_VALUE));
        assertEquals(Double.MAX_VALUE / 2, filled[3], Math.ulp(Double.MAX_VALUE));
    }

    @Test
    void fills_work_with_neighbours_centuries_apart() {
        long before = Long.MIN_VALUE + 1;
        long after = Long.MAX_VALUE - 1;
        InMemoryStore store = storeWith(new long[] {before, after}, new double[] {-1, 1});
        double[] linear = exportWith(store, Fill.LINEAR, -10, 10, 10);
        assertEquals(0, linear[0], 1e-15);
        assertEquals(0, linear[1], 1e-15);
        assertArrayEquals(new double[] {-1, 1}, exportWith(store, Fill.NEAREST, -1, 1, 1));
    }

    @Test
    void fill_per_column_comes_from_the_plans_column() {
        InMemoryStore store = storeWith(new long[] {0, 20}, new double[] {0, 2});
        ExportPlan plan = aligned(
                0,
                30,
                10,
                column(store, SIGNAL, Fill.PREVIOUS, Aggregate.MEAN),
                column(store, SIGNAL, Fill.LINEAR, Aggregate.MEAN));
        StoreExportSource source = new StoreExportSource(plan, store);
        double[] buffer = new double[3];
        try (DoubleBlockSource previous = source.alignedColumn(plan.columns().get(0))) {
            previous.read(buffer);
            assertArrayEquals(new double[] {0, 0, 2}, buffer);
        }
        try (DoubleBlockSource linear = source.alignedColumn(plan.columns().get(1))) {
            linear.read(buffer);
            assertArrayEquals(new double[] {0, 1, 2}, buffer);
        }
    }
}
