package com.speeddata.jobs.access;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RatePolicyTest {
    @Test
    void a_policy_needs_a_header_safe_name_a_positive_rate_and_a_burst_of_one_or_more() {
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("Score", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("sc\"ore", 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("score", 0, 1));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("score", Double.NaN, 1));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("score", Double.POSITIVE_INFINITY, 1));
        assertThrows(IllegalArgumentException.class, () -> new RatePolicy("score", 1, 0));
        assertEquals(0.5, new RatePolicy("slow-export_2", 0.5, 1).perSecond());
    }

    @Test
    void a_decision_says_when_the_next_whole_token_comes_and_when_the_bucket_is_full() {
        RatePolicy policy = new RatePolicy("score", 4, 10);
        RateDecision decision = RateDecision.of(policy, true, 2.5);
        assertEquals(2, decision.wholeRemaining());
        assertEquals(Duration.ofMillis(125), decision.untilNextToken());
        assertEquals(Duration.ofMillis(1_875), decision.untilFull());
        RateDecision full = RateDecision.of(policy, true, 10);
        assertEquals(Duration.ZERO, full.untilNextToken());
        assertEquals(Duration.ZERO, full.untilFull());
        assertEquals(0, RateDecision.of(policy, false, -1e-12).remaining(), "float noise stays in the bucket");
    }

    @Test
    void the_contract_tiers_have_the_contract_rates() {
        assertEquals(new RatePolicy("score", 5, 10), Tier.PRO.scoreRate());
        assertEquals(new RatePolicy("export", 2, 10), Tier.PRO.exportRate());
        assertEquals(new RatePolicy("score", 50, 100), Tier.PRO_PLUS.scoreRate());
        assertEquals(new RatePolicy("export", 10, 50), Tier.PRO_PLUS.exportRate());
    }
}
