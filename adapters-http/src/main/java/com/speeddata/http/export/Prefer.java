package com.speeddata.http.export;

import java.time.Duration;
import java.util.Locale;

/** The RFC 7240 preferences an {@code auto} export honours: {@code respond-async} and {@code wait=N}. */
record Prefer(boolean respondAsync, Duration waitFor) {
    static final Prefer NONE = new Prefer(false, null);

    static Prefer parse(String header) {
        if (header == null) {
            return NONE;
        }
        boolean respondAsync = false;
        Duration waitFor = null;
        for (String token : header.split(",")) {
            String preference = token.trim().toLowerCase(Locale.ROOT);
            if (preference.equals("respond-async")) {
                respondAsync = true;
            } else if (preference.startsWith("wait=")) {
                try {
                    waitFor = Duration.ofSeconds(
                            Math.max(0, Long.parseLong(preference.substring(5).trim())));
                } catch (NumberFormatException ignored) {
                    // RFC 7240: preferences that cannot be understood are ignored
                }
            }
        }
        return new Prefer(respondAsync, waitFor);
    }
}
