package com.speeddata.http.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.speeddata.pivot.sample.SampleBlock;
import org.junit.jupiter.api.Test;

class SampleBlocksTest {
    @Test
    void samples_in_order_pass_through() {
        SampleBlock block = SampleBlocks.sortedUnique(new long[] {1, 2, 3, 9}, new double[] {1, 2, 3, 9}, 3);
        assertArrayEquals(new long[] {1, 2, 3}, block.times());
        assertArrayEquals(new double[] {1, 2, 3}, block.values());
    }

    @Test
    void samples_out_of_order_are_sorted_and_the_later_of_equal_times_wins() {
        SampleBlock block = SampleBlocks.sortedUnique(new long[] {5, 1, 5, 3, 1}, new double[] {50, 10, 51, 30, 11}, 5);
        assertArrayEquals(new long[] {1, 3, 5}, block.times());
        assertArrayEquals(new double[] {11, 30, 51}, block.values());
    }
}
