package com.speeddata.pivot.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class SampleBlockTest {
    @Test
    void measured_spacing_finds_the_common_step_and_only_that() {
        assertEquals(
                5,
                SampleBlock.withMeasuredSpacing(new long[] {10, 15, 20}, new double[3])
                        .stepNs());
        assertEquals(
                0,
                SampleBlock.withMeasuredSpacing(new long[] {10, 15, 21}, new double[3])
                        .stepNs());
        assertEquals(
                0,
                SampleBlock.withMeasuredSpacing(new long[] {10}, new double[1]).stepNs());
        assertEquals(-1, SampleBlock.evenStep(new long[] {Long.MIN_VALUE, Long.MAX_VALUE, 0}, 0, 2));
        assertEquals(3, SampleBlock.evenStep(new long[] {0, 7, 10, 13, 99}, 1, 4));
    }

    @Test
    void an_evenly_spaced_block_gives_its_times_without_and_with_the_array() {
        SampleBlock block = SampleBlock.evenlySpaced(-10, 5, new double[] {1, 2, 3});
        assertEquals(3, block.size());
        assertEquals(-10, block.firstTime());
        assertEquals(0, block.lastTime());
        assertEquals(-5, block.timeAt(1));
        assertArrayEquals(new long[] {-10, -5, 0}, block.times());
        assertTrue(block.isEvenlySpacedBy(5));
        assertEquals(7, SampleBlock.evenlySpaced(7, 0, new double[] {1}).lastTime());
        assertThrows(IllegalArgumentException.class, () -> SampleBlock.evenlySpaced(0, 0, new double[2]));
        assertThrows(ArithmeticException.class, () -> SampleBlock.evenlySpaced(Long.MAX_VALUE - 1, 2, new double[2]));
        SampleBlock wide =
                SampleBlock.evenlySpaced(-5_000_000_000_000_000_000L, 5_000_000_000_000_000_000L, new double[3]);
        assertEquals(5_000_000_000_000_000_000L, wide.lastTime(), "a span wider than a long, times that fit");
        assertArrayEquals(new long[] {-5_000_000_000_000_000_000L, 0, 5_000_000_000_000_000_000L}, wide.times());
        assertThrows(IndexOutOfBoundsException.class, () -> SampleBlock.evenlySpaced(0, 1, new double[0])
                .firstTime());
    }

    @Test
    void a_block_knows_it_is_evenly_spaced_only_by_its_own_step() {
        SampleBlock block = new SampleBlock(new long[] {0, 2, 4}, new double[3], 2);
        assertTrue(block.isEvenlySpacedBy(2));
        assertFalse(block.isEvenlySpacedBy(4));
        assertFalse(new SampleBlock(new long[] {0, 2, 4}, new double[3]).isEvenlySpacedBy(2));
        assertFalse(new SampleBlock(new long[] {0, 2, 4}, new double[3]).isEvenlySpacedBy(0));
    }

    @Test
    void a_step_that_does_not_fit_the_times_is_refused() {
        assertThrows(IllegalArgumentException.class, () -> new SampleBlock(new long[] {0, 2, 5}, new double[3], 2));
        assertThrows(IllegalArgumentException.class, () -> new SampleBlock(new long[] {0, 2}, new double[2], -2));
        // Right ends, uneven inside: the O(1) check passes it, the assertion (on in tests) does not.
        assertThrows(AssertionError.class, () -> new SampleBlock(new long[] {0, 1, 4}, new double[3], 2));
    }

    @Test
    void a_block_of_stored_bytes_reads_its_values_bit_for_bit_without_and_with_the_array() {
        double[] all = {1.5, -0.0, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L), 1e300, -7};
        byte[] bytes = new byte[all.length * Double.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asDoubleBuffer().put(all);
        SampleBlock block = SampleBlock.evenlySpacedLittleEndian(100, 10, bytes, 1, 5); // values 1..4 at 100..130
        assertEquals(4, block.size());
        assertEquals(100, block.firstTime());
        assertEquals(130, block.lastTime());
        assertTrue(block.isEvenlySpacedBy(10));
        for (int i = 0; i < 4; i++) {
            assertEquals(Double.doubleToRawLongBits(all[i + 1]), Double.doubleToRawLongBits(block.valueAt(i)));
        }
        double[] run = new double[5];
        block.copyValues(1, run, 2, 3);
        assertEquals(Double.doubleToRawLongBits(all[2]), Double.doubleToRawLongBits(run[2]));
        assertEquals(all[4], run[4]);
        assertThrows(IndexOutOfBoundsException.class, () -> block.valueAt(4));
        assertThrows(IndexOutOfBoundsException.class, () -> block.copyValues(2, run, 0, 3));
        // the array, decoded once and then the block's own: the same values, read the same way afterwards
        double[] values = block.values();
        assertSame(values, block.values());
        for (int i = 0; i < 4; i++) {
            assertEquals(Double.doubleToRawLongBits(all[i + 1]), Double.doubleToRawLongBits(values[i]));
            assertEquals(Double.doubleToRawLongBits(values[i]), Double.doubleToRawLongBits(block.valueAt(i)));
        }
        block.copyValues(0, run, 0, 4);
        assertEquals(all[1], run[0]);
        assertEquals(all[4], run[3]);
    }

    @Test
    void a_block_of_stored_bytes_checks_its_range_and_spacing() {
        byte[] bytes = new byte[3 * Double.BYTES];
        assertThrows(IndexOutOfBoundsException.class, () -> SampleBlock.evenlySpacedLittleEndian(0, 1, bytes, 2, 4));
        assertThrows(IllegalArgumentException.class, () -> SampleBlock.evenlySpacedLittleEndian(0, 0, bytes, 0, 2));
        assertThrows(
                ArithmeticException.class,
                () -> SampleBlock.evenlySpacedLittleEndian(Long.MAX_VALUE - 1, 1, bytes, 0, 3));
        assertTrue(SampleBlock.evenlySpacedLittleEndian(0, 1, bytes, 1, 1).isEmpty());
    }
}
