package com.speeddata.scoring.manifest;

import java.util.Optional;

/**
 * The rule parameters of a manifest. Each has a closed range; integral ones must be whole numbers.
 * A manifest sets every required parameter (they have no defaults, so the bytes say everything).
 * Optional parameters switch on rules added after the first models shipped: absent means their
 * {@link #defaultValue()}, which turns the rule off, and a canonical manifest omits a parameter at
 * its default, so models written before the rule existed keep their bytes, SHA and scores.
 */
public enum Param {
    /** Normalisation: compound = sum / sqrt(sum² + alpha). */
    ALPHA("alpha", 0.001, 1000, false),
    /** Added to a term's magnitude when it is ALL CAPS among mixed-case words. */
    CAPS_INCREMENT("caps_increment", 0, 10, false),
    /** Factor a negation word in the window applies (negative flips the sign). */
    NEGATION_SCALAR("negation_scalar", -2, 0, false),
    /** How many tokens before a scored item a negation word still counts. */
    NEGATION_WINDOW("negation_window", 0, 5, true),
    /** Added per exclamation mark, up to {@link #EXCLAMATION_CAP} of them. */
    EXCLAMATION_WEIGHT("exclamation_weight", 0, 2, false),
    EXCLAMATION_CAP("exclamation_cap", 0, 10, true),
    /** Added per question mark when there are two or three; more add {@link #QUESTION_CAP}. */
    QUESTION_WEIGHT("question_weight", 0, 2, false),
    QUESTION_CAP("question_cap", 0, 5, false),
    /** Scores strictly inside (-band, band) are neutral. */
    NEUTRAL_BAND("neutral_band", 0, 0.99, false),
    /** 1: negation, boosters and metric rules do not reach across , ; : ! ? and dashes. 0: they do. */
    CLAUSE_SCOPE("clause_scope", 0, 1, true),
    /** How far before a direction word its metric may stand ("profit for the year rose"). */
    METRIC_WINDOW_BEFORE("metric_window_before", 0, 6, true),
    /** How far after a direction word its metric may stand ("cuts 500 jobs"). */
    METRIC_WINDOW_AFTER("metric_window_after", 0, 6, true),
    /** Valence factor for a direction word with no metric in range and no term of its own. */
    BARE_DIRECTION_WEIGHT("bare_direction_weight", 0, 2, false),
    /**
     * Optional (0: off). Movement of a numeric comparison ("profit fell to 1.6 mn from 7.5 mn", "margin 13.6 %
     * compared with 14.3 %"): ± this, by which number is larger, times the metric's polarity.
     */
    COMPARISON_WEIGHT("comparison_weight", 0, 10, false, 0.0),
    /** Optional (0: off). How far before the compared numbers the metric may stand. */
    COMPARISON_WINDOW("comparison_window", 0, 12, true, 0.0),
    /** Optional (0). A relative change of at most this ("64.1 against 64.0") is flat: it moves nothing. */
    COMPARISON_FLAT("comparison_flat", 0, 0.5, false, 0.0);

    private final String key;
    private final double min;
    private final double max;
    private final boolean integral;
    private final Double defaultValue;

    Param(String key, double min, double max, boolean integral) {
        this(key, min, max, integral, null);
    }

    Param(String key, double min, double max, boolean integral, Double defaultValue) {
        this.key = key;
        this.min = min;
        this.max = max;
        this.integral = integral;
        this.defaultValue = defaultValue;
    }

    /** True when a manifest may leave this parameter out (it then has its {@link #defaultValue()}). */
    public boolean isOptional() {
        return defaultValue != null;
    }

    /** The value of an optional parameter a manifest leaves out. */
    public double defaultValue() {
        if (defaultValue == null) {
            throw new IllegalStateException("param " + key + " is required and has no default");
        }
        return defaultValue;
    }

    /** True when a canonical manifest leaves this parameter out: it is optional and at its default. */
    boolean omittedAt(double value) {
        return defaultValue != null && defaultValue == value;
    }

    /** The name used in the manifest. */
    public String key() {
        return key;
    }

    public static Optional<Param> fromKey(String key) {
        for (Param param : values()) {
            if (param.key.equals(key)) {
                return Optional.of(param);
            }
        }
        return Optional.empty();
    }

    /** Throws IllegalArgumentException, naming the value, when it is out of range or not whole when it must be. */
    void check(double value) {
        CanonicalNumber.requireInRange("param " + key, value, min, max);
        if (integral && value != Math.rint(value)) {
            throw new IllegalArgumentException("param " + key + " must be a whole number, was " + value);
        }
    }
}
