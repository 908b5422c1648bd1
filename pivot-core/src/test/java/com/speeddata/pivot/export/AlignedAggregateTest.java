package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.SECOND;
import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.bits;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.export;
import static com.speeddata.pivot.export.Fixtures.write;
import static com.speeddata.pivot.export.Fixtures.writeRegular;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.testing.InMemoryStore;
import org.junit.jupiter.api.Test;

class AlignedAggregateTest {
    private static final String SIGNAL = "ch1/voltage";

    private static double[] exportWith(InMemoryStore store, Aggregate aggregate, long start, long end, long interval) {
        return export(store, aligned(start, end, interval, column(store, SIGNAL, Fill.NONE, aggregate)));
    }

    @Test
    void aligned_export_of_on_grid_signal_returns_stored_values_bit_for_bit() {
        double[] stored = {
            -0.0,
            0.0,
            Double.MIN_VALUE,
            -Double.MIN_VALUE,
            Double.MIN_NORMAL / 3,
            Double.MAX_VALUE,
            -Double.MAX_VALUE,
            0.1,
            1.0 / 3,
            Math.PI,
            -1e-300,
            42
        };
        for (Aggregate aggregate : Aggregate.values()) {
            InMemoryStore store = new InMemoryStore(5);
            define(store, SIGNAL, 1000.0);
            writeRegular(store, SIGNAL, 10 * SECOND, MS, stored);
            double[] exported = exportWith(store, aggregate, 10 * SECOND, 10 * SECOND + stored.length * MS, MS);
            assertEquals(bits(stored), bits(exported), aggregate.toString());
        }
    }

    @Test
    void stored_gap_on_the_grid_exports_as_nan() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, 1000.0);
        writeRegular(store, SIGNAL, 0, MS, 1, Double.NaN, 3);
        assertArrayEquals(new double[] {1, Double.NaN, 3}, exportWith(store, Aggregate.MEAN, 0, 3 * MS, MS));
    }

    @Test
    void each_aggregate_combines_the_samples_of_a_cell() {
        InMemoryStore store = new InMemoryStore(2);
        define(store, SIGNAL, 1000.0);
        writeRegular(store, SIGNAL, 0, MS, 4, 1, 7, 2, /* next cell */ 10, 20, 30, 40);
        long interval = 4 * MS;
        assertArrayEquals(new double[] {3.5, 25}, exportWith(store, Aggregate.MEAN, 0, 8 * MS, interval));
        assertArrayEquals(new double[] {1, 10}, exportWith(store, Aggregate.MIN, 0, 8 * MS, interval));
        assertArrayEquals(new double[] {7, 40}, exportWith(store, Aggregate.MAX, 0, 8 * MS, interval));
        assertArrayEquals(new double[] {4, 10}, exportWith(store, Aggregate.FIRST, 0, 8 * MS, interval));
        assertArrayEquals(new double[] {2, 40}, exportWith(store, Aggregate.LAST, 0, 8 * MS, interval));
    }

    @Test
    void nan_sample_makes_mean_min_and_max_nan_while_first_and_last_take_their_sample() {
        InMemoryStore store = new InMemoryStore(2);
        define(store, SIGNAL, 1000.0);
        writeRegular(store, SIGNAL, 0, MS, Double.NaN, 1, 2, /* next cell */ 3, 4, Double.NaN);
        long interval = 3 * MS;
        double nan = Double.NaN;
        assertArrayEquals(new double[] {nan, nan}, exportWith(store, Aggregate.MEAN, 0, 6 * MS, interval));
        assertArrayEquals(new double[] {nan, nan}, exportWith(store, Aggregate.MIN, 0, 6 * MS, interval));
        assertArrayEquals(new double[] {nan, nan}, exportWith(store, Aggregate.MAX, 0, 6 * MS, interval));
        assertArrayEquals(new double[] {nan, 3}, exportWith(store, Aggregate.FIRST, 0, 6 * MS, interval));
        assertArrayEquals(new double[] {2, nan}, exportWith(store, Aggregate.LAST, 0, 6 * MS, interval));
    }

    @Test
    void signed_zeros_aggregate_as_ieee_says() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, 1000.0);
        writeRegular(store, SIGNAL, 0, MS, -0.0, -0.0, /* next cell */ 0.0, -0.0);
        long interval = 2 * MS;
        assertEquals(bits(new double[] {-0.0, 0.0}), bits(exportWith(store, Aggregate.MEAN, 0, 4 * MS, interval)));
        assertEquals(bits(new double[] {-0.0, -0.0}), bits(exportWith(store, Aggregate.MIN, 0, 4 * MS, interval)));
        assertEquals(bits(new double[] {-0.0, 0.0}), bits(exportWith(store, Aggregate.MAX, 0, 4 * MS, interval)));
    }

    @Test
    void cell_spanning_many_blocks_aggregates_all_of_them() {
        InMemoryStore store = new InMemoryStore(3);
        define(store, SIGNAL, 1000.0);
        double[] values = new double[100];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        writeRegular(store, SIGNAL, 0, MS, values);
        assertArrayEquals(new double[] {24.5, 74.5}, exportWith(store, Aggregate.MEAN, 0, 100 * MS, 50 * MS));
        assertArrayEquals(new double[] {49, 99}, exportWith(store, Aggregate.LAST, 0, 100 * MS, 50 * MS));
        assertArrayEquals(new double[] {0, 50}, exportWith(store, Aggregate.FIRST, 0, 100 * MS, 50 * MS));
    }

    @Test
    void cells_are_half_open_and_the_last_one_ends_at_the_range_end() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, null);
        write(store, SIGNAL, new long[] {-1, 0, 9, 10, 24, 25}, new double[] {100, 1, 2, 3, 4, 1000});
        // Cells [0,10) [10,20) [20,25): the samples at -1 and 25 lie outside the range.
        assertArrayEquals(new double[] {1.5, 3, 4}, exportWith(store, Aggregate.MEAN, 0, 25, 10));
        assertArrayEquals(new double[] {2, 3, 4}, exportWith(store, Aggregate.LAST, 0, 25, 10));
    }

    @Test
    void range_not_starting_on_a_sample_still_aggregates_by_cell() {
        InMemoryStore store = new InMemoryStore(4);
        define(store, SIGNAL, 1000.0);
        writeRegular(store, SIGNAL, 0, MS, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        // Cells [0.5, 2.5) [2.5, 4.5) [4.5, 6.5) ms.
        assertArrayEquals(
                new double[] {1.5, 3.5, 5.5}, exportWith(store, Aggregate.MEAN, MS / 2, MS / 2 + 6 * MS, 2 * MS));
    }
}
