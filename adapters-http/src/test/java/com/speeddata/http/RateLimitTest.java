package com.speeddata.http;

import com.speeddata.http.problem.ProblemException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimitTest {
    private final SteppedClock clock = new SteppedClock();

    @Test
    void a_burst_of_twice_the_rate_passes_then_the_next_is_429_with_the_seconds_to_wait() {
        RateLimit limit = new RateLimit(2, clock);
        for (int i = 0; i < 4; i++) {
            assertDoesNotThrow(() -> limit.take("alice"));
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> limit.take("alice"));
        assertEquals(429, refused.problem().status());
        assertEquals("RATE_LIMITED", refused.problem().code());
        assertEquals("1", refused.headers().get("Retry-After"));
    }

    @Test
    void the_allowance_refills_at_the_rate_and_a_refused_request_costs_nothing() {
        RateLimit limit = new RateLimit(2, clock);
        for (int i = 0; i < 4; i++) {
            limit.take("alice");
        }
        assertThrows(ProblemException.class, () -> limit.take("alice"));
        clock.advance(499);
        assertThrows(ProblemException.class, () -> limit.take("alice"), "half a token short of one");
        clock.advance(1);
        assertDoesNotThrow(() -> limit.take("alice"));
        assertThrows(ProblemException.class, () -> limit.take("alice"));
    }

    @Test
    void a_slow_rate_says_how_long_to_wait() {
        RateLimit limit = new RateLimit(1, clock);
        limit.take("alice");
        limit.take("alice");
        assertEquals("1", assertThrows(ProblemException.class, () -> limit.take("alice")).headers().get("Retry-After"));
        clock.advance(200);
        assertEquals("1", assertThrows(ProblemException.class, () -> limit.take("alice")).headers().get("Retry-After"));
    }

    @Test
    void a_clock_stepping_back_credits_nothing_twice() {
        RateLimit limit = new RateLimit(1, clock);
        limit.take("alice");
        limit.take("alice");
        clock.advance(-10_000);
        assertThrows(ProblemException.class, () -> limit.take("alice"));
        clock.advance(10_000);
        assertThrows(ProblemException.class, () -> limit.take("alice"), "the same ten seconds again");
        clock.advance(1_000);
        assertDoesNotThrow(() -> limit.take("alice"));
    }

    @Test
    void callers_have_allowances_of_their_own() {
        RateLimit limit = new RateLimit(1, clock);
        limit.take("alice");
        limit.take("alice");
        assertThrows(ProblemException.class, () -> limit.take("alice"));
        assertDoesNotThrow(() -> limit.take("bob"));
    }

    @Test
    void zero_turns_the_limit_off() {
        RateLimit limit = new RateLimit(0, clock);
        for (int i = 0; i < 10_000; i++) {
            limit.take("alice");
        }
    }

    /** A clock that moves only when told to. */
    private static final class SteppedClock extends Clock {
        private long millis = Instant.parse("2026-11-22T00:00:00Z").toEpochMilli();

        void advance(long ms) {
            millis += ms;
        }

        @Override
        public long millis() {
            return millis;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
