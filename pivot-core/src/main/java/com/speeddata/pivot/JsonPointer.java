package com.speeddata.pivot;

/** Builds RFC 6901 JSON pointers for {@link FieldError}s: {@code "/" + token}, with {@code ~} and {@code /} escaped. */
public final class JsonPointer {
    private JsonPointer() {}

    /** {@code append("/fill", "ch1/voltage")} is {@code "/fill/ch1~1voltage"}. */
    public static String append(String base, String token) {
        return base + "/" + token.replace("~", "~0").replace("/", "~1");
    }

    public static String append(String base, int index) {
        return base + "/" + index;
    }
}
