package com.speeddata.pivot.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;

/** Helpers shared by the contracts: building blocks, reading everything back, comparing bit for bit. */
final class Stored {
    private Stored() {}

    /** {@code n} samples at {@code start + i * step}, value {@code value(time)}. */
    static SampleBlock even(long start, long step, int n, LongToDoubleFunction value) {
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = start + i * step;
            values[i] = value.applyAsDouble(times[i]);
        }
        return new SampleBlock(times, values);
    }

    static SampleBlock block(long[] times, double[] values) {
        return new SampleBlock(times.clone(), values.clone());
    }

    static Iterator<SampleBlock> blocks(SampleBlock... blocks) {
        return List.of(blocks).iterator();
    }

    /** Applies blocks to a model the way the port promises: later samples win on equal time. */
    static void apply(NavigableMap<Long, Double> model, SampleBlock... blocks) {
        for (SampleBlock block : blocks) {
            for (int i = 0; i < block.size(); i++) {
                model.put(block.times()[i], block.values()[i]);
            }
        }
    }

    /** Reads {@code [from, to)} and checks the cursor's own promises: non-empty blocks, strictly increasing. */
    static SampleBlock read(SampleStore store, SignalKey key, long fromNs, long toNs) {
        long[] times = new long[16];
        double[] values = new double[16];
        int n = 0;
        try (SampleCursor cursor = store.read(key, fromNs, toNs)) {
            for (SampleBlock block = cursor.next(); block != null; block = cursor.next()) {
                assertFalse(block.isEmpty(), "a cursor returned an empty block");
                if (n + block.size() > times.length) {
                    int capacity = Math.max(times.length * 2, n + block.size());
                    times = Arrays.copyOf(times, capacity);
                    values = Arrays.copyOf(values, capacity);
                }
                System.arraycopy(block.times(), 0, times, n, block.size());
                System.arraycopy(block.values(), 0, values, n, block.size());
                n += block.size();
            }
            assertEquals(null, cursor.next(), "a finished cursor must keep returning null");
        }
        for (int i = 1; i < n; i++) {
            if (times[i] <= times[i - 1]) {
                fail("times not strictly increasing at " + i + ": " + times[i - 1] + " then " + times[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            if (times[i] < fromNs || times[i] >= toNs) {
                fail("time " + times[i] + " outside [" + fromNs + ", " + toNs + ")");
            }
        }
        return new SampleBlock(Arrays.copyOf(times, n), Arrays.copyOf(values, n));
    }

    static SampleBlock readAll(SampleStore store, SignalKey key) {
        return read(store, key, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** Asserts that {@code actual} holds exactly the model's samples in {@code [from, to)}, values bit for bit. */
    static void assertSamples(NavigableMap<Long, Double> model, long fromNs, long toNs, SampleBlock actual) {
        NavigableMap<Long, Double> expected = fromNs < toNs ? model.subMap(fromNs, true, toNs, false) : new TreeMap<>();
        assertEquals(expected.size(), actual.size(), "sample count in [" + fromNs + ", " + toNs + ")");
        int i = 0;
        for (Map.Entry<Long, Double> e : expected.entrySet()) {
            if (e.getKey() != actual.times()[i]) {
                fail("sample " + i + ": time " + actual.times()[i] + ", expected " + e.getKey());
            }
            assertBits(e.getValue(), actual.values()[i], "value at " + e.getKey());
            i++;
        }
    }

    static void assertBits(double expected, double actual, String what) {
        if (Double.doubleToRawLongBits(expected) != Double.doubleToRawLongBits(actual)) {
            fail(what + ": bits " + Long.toHexString(Double.doubleToRawLongBits(actual)) + " (" + actual
                    + "), expected " + Long.toHexString(Double.doubleToRawLongBits(expected)) + " (" + expected + ")");
        }
    }

    static void assertNonEmpty(SampleBlock block) {
        assertNotNull(block);
        assertTrue(block.size() > 0);
    }
}
