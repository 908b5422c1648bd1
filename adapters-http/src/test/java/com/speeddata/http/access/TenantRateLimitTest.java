package com.speeddata.http.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.http.problem.ProblemException;
import com.speeddata.jobs.SteppedClock;
import com.speeddata.jobs.access.InMemoryRateLimits;
import com.speeddata.jobs.access.RatePolicy;
import com.speeddata.jobs.access.Tier;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TenantRateLimitTest {
    /** draft-ietf-httpapi-ratelimit-headers-11: an SF list item, a String, with Integer parameters. */
    private static final Pattern POLICY_SYNTAX = Pattern.compile("\"[a-z][a-z0-9_-]*\";q=\\d{1,15};w=[1-9]\\d{0,14}");

    private static final Pattern LIMIT_SYNTAX = Pattern.compile("\"[a-z][a-z0-9_-]*\";r=\\d{1,15};t=\\d{1,15}");

    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-22T00:00:00Z"));
    private final TenantRateLimit limit = new TenantRateLimit(new InMemoryRateLimits(), clock);

    @Test
    void an_allowed_request_gets_the_policy_and_what_is_left() {
        Map<String, String> headers = limit.take("acme", Tier.PRO.scoreRate());
        assertEquals("\"score\";q=10;w=2", headers.get("RateLimit-Policy"), "10 at once, refilled in 2 s at 5/s");
        assertEquals("\"score\";r=9;t=1", headers.get("RateLimit"));
        assertFalse(headers.containsKey("Retry-After"));
        assertEquals(List.of("RateLimit-Policy", "RateLimit"), List.copyOf(headers.keySet()));
    }

    @Test
    void the_contract_tiers_advertise_their_burst_over_the_seconds_to_refill_it() {
        assertEquals("\"export\";q=10;w=5", TenantRateLimit.policyField(Tier.PRO.exportRate()));
        assertEquals("\"score\";q=100;w=2", TenantRateLimit.policyField(Tier.PRO_PLUS.scoreRate()));
        assertEquals("\"export\";q=50;w=5", TenantRateLimit.policyField(Tier.PRO_PLUS.exportRate()));
        assertEquals(
                "\"odd\";q=10;w=4",
                TenantRateLimit.policyField(new RatePolicy("odd", 3, 10)),
                "10/3 s rounds up to whole seconds");
        assertEquals(
                "\"fast\";q=1;w=1",
                TenantRateLimit.policyField(new RatePolicy("fast", 100, 1)),
                "the window is at least one second");
    }

    @Test
    void past_the_burst_the_answer_is_429_with_retry_after_and_both_headers() {
        RatePolicy pro = Tier.PRO.scoreRate();
        for (int i = 0; i < 10; i++) {
            limit.take("acme", pro);
        }
        ProblemException refused = assertThrows(ProblemException.class, () -> limit.take("acme", pro));
        assertEquals(429, refused.problem().status());
        assertEquals("RATE_LIMITED", refused.problem().code());
        assertTrue(
                refused.problem().detail().contains("retry in 1 s"),
                refused.problem().detail());
        Map<String, String> headers = refused.headers();
        assertEquals("1", headers.get("Retry-After"), "a token comes in 0.2 s; Retry-After is whole seconds");
        assertEquals("\"score\";r=0;t=1", headers.get("RateLimit"), "t is not before Retry-After");
        assertEquals("\"score\";q=10;w=2", headers.get("RateLimit-Policy"));
    }

    @Test
    void a_slow_rate_rounds_the_wait_up_and_the_window_matches_it() {
        RatePolicy slow = new RatePolicy("export", 0.4, 1);
        limit.take("acme", slow);
        clock.advanceMillis(500);
        ProblemException refused = assertThrows(ProblemException.class, () -> limit.take("acme", slow));
        assertEquals("2", refused.headers().get("Retry-After"), "0.2 of a token; 0.8 more take 2 s at 0.4/s");
        assertEquals("\"export\";r=0;t=2", refused.headers().get("RateLimit"));
        assertTrue(
                refused.problem().detail().contains("0.4 requests a second, 1 at once"),
                refused.problem().detail());
        clock.advanceMillis(2_000);
        assertEquals(
                "\"export\";r=0;t=3",
                limit.take("acme", slow).get("RateLimit"),
                "nothing left: the next token in 2.5 s, rounded up to 3");
    }

    @Test
    void tenants_are_limited_apart() {
        RatePolicy one = new RatePolicy("score", 1, 1);
        limit.take("acme", one);
        assertThrows(ProblemException.class, () -> limit.take("acme", one));
        assertEquals("\"score\";r=0;t=1", limit.take("globex", one).get("RateLimit"));
    }

    @Test
    void every_field_value_has_the_drafts_syntax() {
        RatePolicy[] policies = {
            Tier.PRO.scoreRate(),
            Tier.PRO.exportRate(),
            Tier.PRO_PLUS.scoreRate(),
            Tier.PRO_PLUS.exportRate(),
            new RatePolicy("odd", 0.3, 7)
        };
        for (RatePolicy policy : policies) {
            for (int i = 0; i < policy.burst() + 2; i++) {
                clock.advanceMillis(37);
                Map<String, String> headers;
                try {
                    headers = limit.take("acme", policy);
                } catch (ProblemException refused) {
                    headers = refused.headers();
                    assertTrue(Long.parseLong(headers.get("Retry-After")) >= 1);
                }
                assertTrue(
                        POLICY_SYNTAX.matcher(headers.get("RateLimit-Policy")).matches(), headers.toString());
                assertTrue(LIMIT_SYNTAX.matcher(headers.get("RateLimit")).matches(), headers.toString());
            }
        }
    }
}
