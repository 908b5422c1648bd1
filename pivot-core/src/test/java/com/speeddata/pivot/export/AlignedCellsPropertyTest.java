package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.info;
import static com.speeddata.pivot.export.Fixtures.key;
import static com.speeddata.pivot.export.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.testing.InMemoryStore;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every cell of every fill and aggregate, with its quality flag and the column's receipt, against the plain
 * {@link ReferenceCells}: over random multi-rate stores (a regular signal with holes, an irregular one, a sparse
 * status signal), random ranges and intervals that cut through gaps and start or end before, inside or after the
 * stored samples, random requested or default {@code max_gap}, and random block and buffer sizes.
 */
class AlignedCellsPropertyTest {
    private static final List<String> SIGNALS = List.of("ch1/regular", "ch1/irregular", "ch2/status");
    private static final int CASES = 600;

    @Test
    void streamed_cells_flags_and_receipts_match_the_reference_for_every_fill_and_aggregate() {
        Random random = new Random(11);
        int columns = 0;
        for (int round = 0; round < CASES; round++) {
            InMemoryStore store = new InMemoryStore(1 + random.nextInt(7));
            long period = 1 + random.nextInt(8);
            Double[] rates = {1e9 / period, null, null};
            List<TreeMap<Long, Double>> stored = generate(random, period);
            for (int s = 0; s < SIGNALS.size(); s++) {
                define(store, SIGNALS.get(s), rates[s]);
                write(
                        store,
                        SIGNALS.get(s),
                        stored.get(s).keySet().stream()
                                .mapToLong(Long::longValue)
                                .toArray(),
                        stored.get(s).values().stream()
                                .mapToDouble(Double::doubleValue)
                                .toArray());
            }
            long start = random.nextInt(400) - 150;
            long end = start + 1 + random.nextInt(random.nextBoolean() ? 40 : 400);
            long interval = 1 + random.nextInt(random.nextBoolean() ? 4 : 30);
            int bufferSize = 1 + random.nextInt(12);
            for (int s = 0; s < SIGNALS.size(); s++) {
                Long requested = random.nextBoolean() ? null : (long) (1 + random.nextInt(120));
                long maxGap = requested != null
                        ? requested
                        : ReferenceCells.defaultMaxGap(stored.get(s), rates[s], start, end);
                SignalKey key = key(SIGNALS.get(s));
                for (Aggregate aggregate : Aggregate.values()) {
                    for (Fill fill : Fill.values()) {
                        ExportColumn column = new ExportColumn(info(store, SIGNALS.get(s)), fill, aggregate, requested);
                        ReferenceCells expected =
                                ReferenceCells.of(key, stored.get(s), start, end, interval, aggregate, fill, maxGap);
                        ExportPlan plan = aligned(start, end, interval, column);
                        boolean withQuality = random.nextInt(4) != 0;
                        double[] values = new double[(int) plan.gridRows()];
                        byte[] flags = new byte[values.length];
                        SignalReceipt receipt = readAll(
                                new StoreExportSource(plan, store),
                                column,
                                values,
                                withQuality ? flags : null,
                                bufferSize);
                        int r = round;
                        String what = "round " + r + " " + key + " " + aggregate + " " + fill + " range [" + start
                                + ", " + end + ") interval " + interval + " max_gap " + maxGap + " samples "
                                + stored.get(s);
                        assertEquals(bitsUpToNanPayload(expected.values), bitsUpToNanPayload(values), what);
                        if (withQuality) {
                            assertArrayEquals(expected.flags, flags, what);
                        }
                        assertEquals(expected.receipt, receipt, what);
                        columns++;
                    }
                }
            }
        }
        assertEquals(CASES * SIGNALS.size() * Aggregate.values().length * Fill.values().length, columns);
    }

    /**
     * Each value's bits, every NaN as the one canonical NaN: which NaN a mean over opposite infinities gives depends on
     * the order of the sum, which no one relies on; -0.0 and 0.0 stay apart.
     */
    private static String bitsUpToNanPayload(double[] values) {
        return Arrays.toString(
                Arrays.stream(values).mapToLong(Double::doubleToLongBits).toArray());
    }

    /** Reads a whole column through the source, block by block, and returns its receipt. */
    static SignalReceipt readAll(
            StoreExportSource source, ExportColumn column, double[] values, byte[] flags, int bufferSize) {
        double[] buffer = new double[bufferSize];
        byte[] flagBuffer = new byte[bufferSize];
        int filled = 0;
        try (AlignedCells cells = source.alignedColumn(column)) {
            int n;
            while ((n = cells.read(buffer, flags == null ? null : flagBuffer)) > 0) {
                System.arraycopy(buffer, 0, values, filled, n);
                if (flags != null) {
                    System.arraycopy(flagBuffer, 0, flags, filled, n);
                }
                filled += n;
            }
            assertEquals(values.length, filled, "values read");
            assertEquals(List.of(cells.receipt()), source.receipts(), "the source keeps the receipt");
            return cells.receipt();
        }
    }

    /** A regular signal with holes, an irregular one with bursts and gaps, and a sparse status signal. */
    @SuppressWarnings("unchecked")
    private static List<TreeMap<Long, Double>> generate(Random random, long period) {
        TreeMap<Long, Double> regular = new TreeMap<>();
        long t = random.nextInt(300) - 200;
        long stop = t + random.nextInt(700);
        while (t < stop) {
            if (random.nextInt(15) == 0) {
                t += period * (1 + random.nextInt(random.nextBoolean() ? 5 : 60)); // a hole
            }
            regular.put(t, value(random));
            t += period;
        }
        TreeMap<Long, Double> irregular = new TreeMap<>();
        int count = random.nextInt(5) == 0 ? random.nextInt(3) : random.nextInt(120);
        t = random.nextInt(300) - 250;
        for (int i = 0; i < count; i++) {
            t += random.nextInt(8) == 0 ? 1 + random.nextInt(150) : 1 + random.nextInt(6);
            irregular.put(t, value(random));
        }
        TreeMap<Long, Double> status = new TreeMap<>();
        for (int i = random.nextInt(6); i > 0; i--) {
            status.put((long) random.nextInt(1000) - 400, (double) random.nextInt(3));
        }
        return List.of(regular, irregular, status);
    }

    private static double value(Random random) {
        return switch (random.nextInt(24)) {
            case 0 -> Double.NaN;
            case 1 -> -0.0;
            case 2 -> Double.POSITIVE_INFINITY;
            case 3 -> Double.NEGATIVE_INFINITY;
            default -> random.nextInt(4000) / 8.0 - 200;
        };
    }

    @Test
    void the_reference_agrees_with_itself_on_a_hand_checked_case() {
        // Samples at 0 and 100 (value 0 and 10), max_gap 50: nothing bridges; before and after, reach 50.
        TreeMap<Long, Double> samples = new TreeMap<>(java.util.Map.of(0L, 0.0, 100L, 10.0));
        ReferenceCells cells = ReferenceCells.of(key("a/b"), samples, -60, 180, 20, Aggregate.MEAN, Fill.NEAREST, 50);
        // Cells: -60 -40 -20 0 20 40 60 80 100 120 140 160
        assertEquals("[NaN, 0.0, 0.0, 0.0, NaN, NaN, NaN, NaN, 10.0, 10.0, 10.0, NaN]", Arrays.toString(cells.values));
        assertArrayEquals(new byte[] {2, 1, 1, 0, 2, 2, 2, 2, 0, 1, 1, 2}, cells.flags);
    }
}
