package com.speeddata.http;

import com.speeddata.http.problem.Problem;
import com.speeddata.http.problem.ProblemException;
import io.javalin.http.Context;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The one check of a request's raw query string, run before every route (and WebSocket upgrade): every {@code %}
 * starts an escape of two hex digits, the decoded bytes are UTF-8, and the text keeps {@link ControlCharacters}'
 * rule. Javalin decodes query parameters leniently
 * and drops what it cannot decode, so a malformed escape would otherwise reach a route as a missing value.
 */
public final class QueryStrings {
    private QueryStrings() {}

    /** Before-handler: a malformed query string is a 400 before any route reads it. */
    public static void check(Context ctx) {
        problem(ctx.queryString()).ifPresent(detail -> {
            throw new ProblemException(Problem.of(400, "INVALID_REQUEST", "Invalid request", detail));
        });
    }

    /** Why the raw query string cannot be decoded; empty when it can (or there is none). */
    public static Optional<String> problem(String raw) {
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        byte[] decoded = new byte[raw.length()];
        int length = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                int high = i + 1 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
                int low = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
                if (high < 0 || low < 0) {
                    return Optional.of("the query string has a malformed percent-escape at character " + (i + 1)
                            + " (" + shown(raw, i) + "); a '%' must be followed by two hex digits, and a literal '%'"
                            + " is written %25");
                }
                decoded[length++] = (byte) (high * 16 + low);
                i += 2;
            } else if (c < 0x80) {
                decoded[length++] = (byte) c;
            } else {
                decoded[length++] = '?'; // Jetty has already turned raw bytes into text; checked there
            }
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(decoded, 0, length))
                    .toString();
        } catch (CharacterCodingException e) {
            return Optional.of("the query string's percent-escapes do not decode to UTF-8");
        }
        String problem = ControlCharacters.problem(text);
        return problem == null ? Optional.empty() : Optional.of("the decoded query string " + problem);
    }

    private static String shown(String raw, int at) {
        return '"' + raw.substring(at, Math.min(raw.length(), at + 3)) + '"';
    }
}
