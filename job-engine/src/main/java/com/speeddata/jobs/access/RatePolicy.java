package com.speeddata.jobs.access;

import java.util.Objects;

/**
 * One rate limit: a bucket of {@code burst} tokens that refills at {@code perSecond}; each request takes one.
 * A caller may send {@code burst} requests at once, then {@code perSecond} a second.
 *
 * @param name      names the bucket beside the tenant ({@code score}, {@code export}) and the policy in the
 *                  {@code RateLimit-Policy} header: lower-case letters, digits, {@code _} and {@code -}, at most 64
 * @param perSecond tokens added a second; finite and above zero
 * @param burst     the bucket's size, at least 1
 */
public record RatePolicy(String name, double perSecond, int burst) {
    public RatePolicy {
        Objects.requireNonNull(name, "name");
        if (!validName(name)) {
            throw new IllegalArgumentException("a rate policy name is lower-case letters, digits, _ and -, "
                    + "starting with a letter, at most 64: '" + name + "'");
        }
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("perSecond must be finite and above zero: " + perSecond);
        }
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1: " + burst);
        }
    }

    /** {@code [a-z][a-z0-9_-]{0,63}}, checked by hand: a policy is made per request, and a regex costs more. */
    private static boolean validName(String name) {
        if (name.isEmpty() || name.length() > 64 || name.charAt(0) < 'a' || name.charAt(0) > 'z') {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
