package com.speeddata.pivot;

/** Caller text for error messages: quoted and cut short, since it is echoed back and may be anything. */
public final class Quote {
    public static final int MAX_CHARS = 64;

    private Quote() {}

    /** {@code 'text'}, {@code 'first 64 chars...'}, or {@code null}. */
    public static String of(String text) {
        if (text == null) {
            return "null";
        }
        return "'" + (text.length() <= MAX_CHARS ? text : text.substring(0, MAX_CHARS) + "...") + "'";
    }
}
