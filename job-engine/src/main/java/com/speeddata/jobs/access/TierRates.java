package com.speeddata.jobs.access;

import java.util.Objects;

/**
 * The rate limits of one tier, each per tenant across all instances: {@code /v1/score} calls, and export plus
 * estimate calls (one bucket for both). The contract's defaults are {@link #PRO} and {@link #PRO_PLUS};
 * {@code TIERS_FILE} may replace them.
 */
public record TierRates(RatePolicy score, RatePolicy export) {
    public static final String SCORE = "score";
    public static final String EXPORT = "export";

    /** {@code pro}: scoring 5/s burst 10; export and estimate 2/s burst 10. */
    public static final TierRates PRO = new TierRates(new RatePolicy(SCORE, 5, 10), new RatePolicy(EXPORT, 2, 10));
    /** {@code pro_plus}: scoring 50/s burst 100; export and estimate 10/s burst 50. */
    public static final TierRates PRO_PLUS = new TierRates(new RatePolicy(SCORE, 50, 100),
            new RatePolicy(EXPORT, 10, 50));

    public TierRates {
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(export, "export");
        if (!score.name().equals(SCORE) || !export.name().equals(EXPORT)) {
            throw new IllegalArgumentException("tier policies are named '" + SCORE + "' and '" + EXPORT + "': '"
                    + score.name() + "', '" + export.name() + "'");
        }
    }
}
