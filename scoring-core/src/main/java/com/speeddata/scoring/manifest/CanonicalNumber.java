package com.speeddata.scoring.manifest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * The one way a number is written in a canonical manifest: plain decimal, at most six
 * fraction digits, no exponent, no leading '+', no leading zeros, no trailing fraction zeros,
 * no "-0". Examples: {@code 0}, {@code 15}, {@code -0.74}, {@code 0.293}.
 */
final class CanonicalNumber {

    static final int MAX_FRACTION_DIGITS = 6;

    private CanonicalNumber() {}

    /** The canonical text of a value (rounded half-even to six fraction digits). */
    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        BigDecimal exact = new BigDecimal(value).setScale(MAX_FRACTION_DIGITS, RoundingMode.HALF_EVEN);
        if (exact.signum() == 0) {
            return "0";
        }
        return exact.stripTrailingZeros().toPlainString();
    }

    /** Parses canonical text only: the text must be exactly what {@link #format} writes for its value. */
    static Optional<Double> parseCanonical(String text) {
        if (text.isEmpty() || text.length() > 32) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && !(c == '-' && i == 0)) {
                return Optional.empty();
            }
        }
        try {
            double value = Double.parseDouble(text);
            return Double.isFinite(value) && format(value).equals(text) ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Parses any finite decimal ("+1.50", "2e-1") with at most six fraction digits once trailing zeros go. */
    static Optional<Double> parseLenient(String text) {
        try {
            BigDecimal value = new BigDecimal(text.strip()).stripTrailingZeros();
            if (value.scale() > MAX_FRACTION_DIGITS || value.precision() - value.scale() > 12) {
                return Optional.empty();
            }
            return Optional.of(value.doubleValue());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Throws IllegalArgumentException, naming the value, unless it lies in [min, max] and its
     * canonical text reads back as exactly the same double (so writing and reading a manifest
     * never changes a value).
     */
    static void requireInRange(String what, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    what + " must be in [" + format(min) + ", " + format(max) + "], was " + value);
        }
        if (Double.parseDouble(format(value)) != value) {
            throw new IllegalArgumentException(
                    what + " must have at most " + MAX_FRACTION_DIGITS + " fraction digits, was " + value);
        }
    }
}
