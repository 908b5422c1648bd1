package com.speeddata.jobs.access;

import java.util.regex.Pattern;

/** Tenant names: the owner of every stored thing. */
public final class Tenants {
    /** The one tenant of single-user mode; keys of this tenant see what was stored before multi-user mode. */
    public static final String LOCAL = "local";
    /** Lower-case letters, digits, '-' and '_', starting with a letter or digit: safe in logs, paths and SQL. */
    public static final String RULE = "[a-z0-9][a-z0-9_-]{0,62}";
    private static final Pattern NAME = Pattern.compile(RULE);

    private Tenants() {
    }

    public static boolean isValid(String name) {
        return name != null && NAME.matcher(name).matches();
    }

    public static String require(String name) {
        if (!isValid(name)) {
            throw new IllegalArgumentException("tenant name '" + name + "' does not match " + RULE);
        }
        return name;
    }
}
