package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.bits;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.export;
import static com.speeddata.pivot.export.Fixtures.write;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.speeddata.pivot.testing.InMemoryStore;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The streaming column against the plain {@link ReferenceAligner}, over random signals, blocks and buffers. */
class AlignedColumnRandomizedTest {
    private static final String SIGNAL = "ch1/random";

    @Test
    void streaming_column_matches_the_reference_for_every_aggregate_fill_block_and_buffer_size() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 150; round++) {
            int blockSize = 1 + random.nextInt(6);
            int bufferSize = 1 + random.nextInt(9);
            long interval = 1 + random.nextInt(20);
            long start = random.nextInt(200) - 100;
            long end = start + 1 + random.nextInt(300);
            // Dense or sparse, sometimes nothing in range, sometimes all outside it.
            int count = random.nextInt(4) == 0 ? random.nextInt(4) : random.nextInt(200);
            int spread = 1 + random.nextInt(6);
            TreeMap<Long, Double> samples = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                long t = start - 50 + random.nextInt((int) (end - start) + 100) / spread * spread;
                double v =
                        switch (random.nextInt(12)) {
                            case 0 -> Double.NaN;
                            case 1 -> -0.0;
                            case 2 -> Double.MIN_VALUE;
                            default -> random.nextInt(2000) / 8.0 - 100;
                        };
                samples.put(t, v);
            }
            InMemoryStore store = new InMemoryStore(blockSize);
            define(store, SIGNAL, null);
            write(
                    store,
                    SIGNAL,
                    samples.keySet().stream().mapToLong(Long::longValue).toArray(),
                    samples.values().stream().mapToDouble(Double::doubleValue).toArray());
            for (Aggregate aggregate : Aggregate.values()) {
                for (Fill fill : Fill.values()) {
                    double[] expected = ReferenceAligner.align(samples, start, end, interval, aggregate, fill);
                    double[] actual = export(
                            store, aligned(start, end, interval, column(store, SIGNAL, fill, aggregate)), bufferSize);
                    assertEquals(
                            bits(expected),
                            bits(actual),
                            () -> "round with samples " + samples + " range [" + start + ", " + end + ") interval "
                                    + interval + " " + aggregate + " " + fill);
                }
            }
        }
    }
}
