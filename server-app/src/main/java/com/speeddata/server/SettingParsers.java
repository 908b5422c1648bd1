package com.speeddata.server;

import com.speeddata.server.ServerConfig.AuthMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/** The parsers of the settings table: each throws with what a good value looks like, which the start error shows. */
final class SettingParsers {

    private SettingParsers() {}

    static int port(String text) {
        int port = Integer.parseInt(text);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("must be 0..65535");
        }
        return port;
    }

    static long nonNegativeLong(String text) {
        long value = Long.parseLong(text);
        if (value < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return value;
    }

    static long positiveLong(String text) {
        long value = Long.parseLong(text);
        if (value <= 0) {
            throw new IllegalArgumentException("must be positive");
        }
        return value;
    }

    static int positiveInt(String text) {
        return Math.toIntExact(positiveLong(text));
    }

    /** A non-negative whole number up to {@code most}. */
    static int atMost(int most, String text) {
        long value = nonNegativeLong(text);
        if (value > most) {
            throw new IllegalArgumentException("must be at most " + most);
        }
        return (int) value;
    }

    static Duration positiveDuration(String text) {
        Duration value = Duration.parse(text);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("must be a positive ISO 8601 duration such as PT30S");
        }
        return value;
    }

    static AuthMode authMode(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "single" -> AuthMode.SINGLE;
            case "multi" -> AuthMode.MULTI;
            default -> throw new IllegalArgumentException("must be 'single' or 'multi'");
        };
    }

    /** A literal IP address or a host name to listen on; resolved when the server binds. */
    static String address(String text) {
        if (!text.matches("[0-9A-Za-z.:\\[\\]-]{1,253}")) {
            throw new IllegalArgumentException("must be an IP address or host name, e.g. 127.0.0.1 or 0.0.0.0");
        }
        return text;
    }

    static URI publicUrl(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("is not a URL");
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                || uri.getHost() == null
                || uri.getQuery() != null
                || uri.getFragment() != null
                || uri.getUserInfo() != null) {
            throw new IllegalArgumentException(
                    "must be http(s)://host[:port][/path], e.g. https://speeddata.example.com");
        }
        return uri;
    }
}
