package com.speeddata.pivot.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
}
