package com.speeddata.pivot.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.InvalidRequestException;
import org.junit.jupiter.api.Test;

class SignalDefinitionTest {
    private static SignalDefinition rate(double hz) {
        return new SignalDefinition(new SignalKey("ch", "sig"), "V", hz, null);
    }

    @Test
    void sample_times_are_start_plus_index_over_rate() {
        assertEquals(1_000_000_000L + 3_000_000L, rate(1000).sampleTime(1_000_000_000L, 3));
    }

    @Test
    void the_last_representable_instant_is_a_valid_sample_time() {
        assertEquals(Long.MAX_VALUE, rate(1e9).sampleTime(Long.MAX_VALUE - 2, 2));
        assertEquals(Long.MAX_VALUE, rate(1e-300).sampleTime(Long.MAX_VALUE, 0));
    }

    @Test
    void a_sample_after_the_last_representable_instant_is_an_invalid_start() {
        InvalidRequestException failure =
                assertThrows(InvalidRequestException.class, () -> rate(1e9).sampleTime(Long.MAX_VALUE - 2, 3));
        assertEquals("/start", failure.errors().get(0).pointer());
        assertTrue(failure.getMessage().contains("2262-04-11T23:47:16.854775807Z"), failure.getMessage());
    }

    @Test
    void a_tiny_rate_runs_past_the_end_even_from_the_earliest_start() {
        assertThrows(InvalidRequestException.class, () -> rate(1e-300).sampleTime(Long.MIN_VALUE, 1));
        assertThrows(InvalidRequestException.class, () -> rate(1e-9).sampleTime(Long.MIN_VALUE, 19));
        // 18e18 ns is more than 2^63 ns, yet fits after the earliest start: -9223372036854775808 + 18e18.
        assertEquals(8_776_627_963_145_224_192L, rate(1e-9).sampleTime(Long.MIN_VALUE, 18));
    }
}
