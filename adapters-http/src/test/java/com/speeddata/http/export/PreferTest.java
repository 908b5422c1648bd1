package com.speeddata.http.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PreferTest {
    @Test
    void respond_async_and_wait_are_read_in_any_case_and_order() {
        Prefer prefer = Prefer.parse("wait=5, Respond-Async");
        assertTrue(prefer.respondAsync());
        assertEquals(Duration.ofSeconds(5), prefer.waitFor());
    }

    @Test
    void absent_or_unknown_preferences_change_nothing() {
        assertEquals(Prefer.NONE, Prefer.parse(null));
        Prefer odd = Prefer.parse("return=minimal, wait=soon");
        assertFalse(odd.respondAsync());
        assertNull(odd.waitFor(), "RFC 7240: a preference that cannot be understood is ignored");
    }
}
