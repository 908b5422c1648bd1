package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.SECOND;
import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.info;
import static com.speeddata.pivot.export.Fixtures.write;
import static com.speeddata.pivot.export.Fixtures.writeRegular;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.testing.InMemoryStore;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** {@code max_gap}: no fill bridges a longer gap or reaches farther past the first or last sample; its defaults. */
class AlignedMaxGapTest {
    private static final String SIGNAL = "ch1/v";
    private static final double NAN = Double.NaN;

    private static double[] values;
    private static byte[] flags;

    private static SignalReceipt export(
            InMemoryStore store, Fill fill, Long maxGapNs, long start, long end, long interval) {
        ExportColumn column = new ExportColumn(info(store, SIGNAL), fill, Aggregate.MEAN, maxGapNs);
        ExportPlan plan = aligned(start, end, interval, column);
        values = new double[(int) plan.gridRows()];
        flags = new byte[values.length];
        return AlignedCellsPropertyTest.readAll(new StoreExportSource(plan, store), column, values, flags, 3);
    }

    @Test
    void linear_fill_does_not_bridge_a_hole_longer_than_max_gap() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, 1000.0);
        // 1 kHz samples, then a one-second hole, then samples again.
        writeRegular(store, SIGNAL, 0, MS, 0, 1, 2);
        writeRegular(store, SIGNAL, SECOND, MS, 10, 11);
        SignalReceipt receipt = export(store, Fill.LINEAR, null, 0, SECOND + 2 * MS, MS);
        assertEquals(10 * MS, receipt.maxGapNs(), "default: ten sample periods");
        assertEquals(1002, values.length);
        assertArrayEquals(new double[] {0, 1, 2, NAN, NAN}, java.util.Arrays.copyOfRange(values, 0, 5));
        assertArrayEquals(new double[] {NAN, 10, 11}, java.util.Arrays.copyOfRange(values, 999, 1002));
        assertEquals(5, receipt.observedCells());
        assertEquals(0, receipt.filledCells());
        assertEquals(997, receipt.missingCells());
        assertEquals(5, receipt.samplesRead());

        // With a max_gap of two seconds the hole is bridged.
        receipt = export(store, Fill.LINEAR, 2 * SECOND, 0, SECOND + 2 * MS, MS);
        assertEquals(997, receipt.filledCells());
        assertEquals(0, receipt.missingCells());
    }

    @Test
    void previous_fill_after_stale_data_stops_at_max_gap() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, 1.0);
        writeRegular(store, SIGNAL, 0, SECOND, 1, 2, 3);
        // Fifteen minutes, long after the last sample: nothing to repeat.
        SignalReceipt receipt = export(store, Fill.PREVIOUS, null, 3600 * SECOND, 4500 * SECOND, 60 * SECOND);
        assertEquals(15, values.length);
        for (double value : values) {
            assertEquals(NAN, value);
        }
        assertEquals(15, receipt.missingCells());
        assertEquals(OptionalLong.empty(), receipt.firstSampleNs());

        // Right after the last sample (at 2 s), the previous value reaches exactly max_gap (10 s) from it.
        receipt = export(store, Fill.PREVIOUS, null, 2 * SECOND, 15 * SECOND, SECOND);
        assertArrayEquals(new double[] {3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, NAN, NAN}, values);
        assertArrayEquals(new byte[] {0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 2, 2}, flags);
        assertEquals(OptionalLong.of(2 * SECOND), receipt.firstSampleNs());
        assertEquals(OptionalLong.of(2 * SECOND), receipt.lastSampleNs());
    }

    @Test
    void nearest_fill_before_the_first_sample_reaches_max_gap_back() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, null);
        write(store, SIGNAL, new long[] {100, 110}, new double[] {5, 6});
        // Default for an irregular signal: ten times the median spacing (10): 100.
        SignalReceipt receipt = export(store, Fill.NEAREST, null, -20, 140, 20);
        assertEquals(100, receipt.maxGapNs());
        // Cells -20 0 20 40 60 80 100 120: -20 is 120 before the first sample.
        assertArrayEquals(new double[] {NAN, 5, 5, 5, 5, 5, 5.5, 6}, values);
        assertArrayEquals(new byte[] {2, 1, 1, 1, 1, 1, 0, 1}, flags);
    }

    @Test
    void a_status_signal_is_filled_between_changes_seconds_apart_by_default() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, null);
        write(store, SIGNAL, new long[] {0, 3 * SECOND, 7 * SECOND, 9 * SECOND, 14 * SECOND}, new double[] {
            0, 1, 2, 1, 0
        });
        SignalReceipt receipt = export(store, Fill.PREVIOUS, null, 0, 14 * SECOND, SECOND);
        assertEquals(30 * SECOND, receipt.maxGapNs(), "median spacing 3 s (the lower middle of 2, 3, 4, 5)");
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1, 2, 2, 1, 1, 1, 1, 1}, values);
    }

    @Test
    void a_range_with_no_stored_samples_is_all_nan_and_the_receipt_says_so() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, 100.0);
        for (Fill fill : Fill.values()) {
            SignalReceipt receipt = export(store, fill, null, 0, SECOND, 100 * MS);
            assertEquals(
                    new SignalReceipt(
                            Fixtures.key(SIGNAL),
                            fill,
                            Aggregate.MEAN,
                            100 * MS,
                            0,
                            0,
                            0,
                            10,
                            OptionalLong.empty(),
                            OptionalLong.empty()),
                    receipt);
            assertArrayEquals(new byte[] {2, 2, 2, 2, 2, 2, 2, 2, 2, 2}, flags);
        }
    }

    @Test
    void a_single_stored_sample_of_an_irregular_signal_fills_nothing_by_default() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, null);
        write(store, SIGNAL, new long[] {20}, new double[] {4});
        SignalReceipt receipt = export(store, Fill.NEAREST, null, 0, 50, 10);
        assertEquals(0, receipt.maxGapNs());
        assertArrayEquals(new double[] {NAN, NAN, 4, NAN, NAN}, values);
    }
}
