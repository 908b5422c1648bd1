package com.speeddata.jobs.access;

/** Tenant names: the owner of every stored thing. */
public final class Tenants {
    /** The one tenant of single-user mode; keys of this tenant see what was stored before multi-user mode. */
    public static final String LOCAL = "local";
    /** Lower-case letters, digits, '-' and '_', starting with a letter or digit: safe in logs, paths and SQL. */
    public static final String RULE = "[a-z0-9][a-z0-9_-]{0,62}";

    private static final int MAX_LENGTH = 63;

    private Tenants() {}

    /** {@link #RULE}, checked by hand: rate limits check the tenant on every request, and a regex costs more. */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_LENGTH || !letterOrDigit(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!letterOrDigit(c) && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9';
    }

    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("tenant name '" + name + "' does not match " + RULE);
        }
        return name;
    }
}
