package com.speeddata.http;

import com.speeddata.pivot.time.Timestamps;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Where a page of a listing ended, as the opaque {@code cursor} / {@code next_cursor} text of the API: base64url of
 * "epoch-nanos:uuid" (the last item's sort time and id). Clients pass it back unchanged.
 */
public record PageCursor(Instant at, UUID id) {

    public String encode() {
        long nanos = Timestamps.fromInstant(at).orElseThrow();
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((nanos + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor {@link #encode} wrote, or empty for any other text. */
    public static Optional<PageCursor> parse(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split(":", 2);
            if (parts.length == 2 && parts[1].length() == 36) {
                return Optional.of(
                        new PageCursor(Timestamps.toInstant(Long.parseLong(parts[0])), UUID.fromString(parts[1])));
            }
        } catch (IllegalArgumentException e) {
            // not a cursor of ours
        }
        return Optional.empty();
    }
}
