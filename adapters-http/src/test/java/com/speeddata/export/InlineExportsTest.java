package com.speeddata.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class InlineExportsTest {

    @Test
    void no_more_than_the_concurrency_bound_run_at_once_and_a_finished_one_makes_room() {
        InlineExports bound = new InlineExports(2, 1000);
        InlineExports.Permit first = bound.tryEnter(10).orElseThrow();
        bound.tryEnter(10).orElseThrow();
        assertTrue(bound.tryEnter(10).isEmpty());
        first.close();
        first.close();
        assertEquals(1, bound.running(), "a permit closed twice is given back once");
        assertTrue(bound.tryEnter(10).isPresent());
    }

    @Test
    void the_estimates_running_at_once_stay_within_the_bytes_bound() {
        InlineExports bound = new InlineExports(10, 1000);
        InlineExports.Permit big = bound.tryEnter(700).orElseThrow();
        assertTrue(bound.tryEnter(301).isEmpty());
        bound.tryEnter(300).orElseThrow().close();
        big.close();
        assertTrue(bound.tryEnter(1000).isPresent());
        assertTrue(bound.fits(1000));
        assertFalse(bound.fits(1001), "an export beyond the bound alone can never run inline");
    }
}
