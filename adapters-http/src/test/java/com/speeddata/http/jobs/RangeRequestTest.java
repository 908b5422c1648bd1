package com.speeddata.http.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RangeRequestTest {
    @Test
    void the_three_single_range_forms_resolve_against_the_size() {
        assertEquals(Optional.of(new RangeRequest(10, 19)), RangeRequest.parse("bytes=10-19", 100));
        assertEquals(Optional.of(new RangeRequest(90, 99)), RangeRequest.parse("bytes=90-", 100));
        assertEquals(Optional.of(new RangeRequest(95, 99)), RangeRequest.parse("bytes=-5", 100));
        assertEquals(Optional.of(new RangeRequest(0, 99)), RangeRequest.parse("bytes=-500", 100));
        assertEquals(Optional.of(new RangeRequest(50, 99)), RangeRequest.parse("bytes=50-5000", 100), "end clipped");
    }

    @Test
    void no_header_several_ranges_or_other_units_mean_the_whole_file() {
        assertTrue(RangeRequest.parse(null, 100).isEmpty());
        assertTrue(RangeRequest.parse("bytes=0-1,5-6", 100).isEmpty());
        assertTrue(RangeRequest.parse("items=0-1", 100).isEmpty());
        assertTrue(RangeRequest.parse("bytes=-", 100).isEmpty());
    }

    @Test
    void ranges_outside_the_file_are_unsatisfiable() {
        assertThrows(RangeRequest.Unsatisfiable.class, () -> RangeRequest.parse("bytes=100-", 100));
        assertThrows(RangeRequest.Unsatisfiable.class, () -> RangeRequest.parse("bytes=20-10", 100));
        assertThrows(RangeRequest.Unsatisfiable.class, () -> RangeRequest.parse("bytes=-0", 100));
        assertThrows(RangeRequest.Unsatisfiable.class, () -> RangeRequest.parse("bytes=0-", 0));
    }
}
