package com.speeddata.pivot.catalog;

import java.util.regex.Pattern;

/** The one rule for channel and signal names. */
public final class Names {
    public static final String RULE = "[A-Za-z0-9_.-]{1,64}";
    private static final Pattern VALID = Pattern.compile(RULE);

    private Names() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    public static String require(String name, String what) {
        if (!isValid(name)) {
            throw new IllegalArgumentException(what + " name '" + name + "' does not match " + RULE);
        }
        return name;
    }
}
