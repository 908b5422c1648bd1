package com.speeddata.http;

import com.speeddata.pivot.InvalidRequestException;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query string of a listing ({@code GET /v1/events}, {@code GET /api/v1/pivot/jobs}): only known parameters,
 * the first value of each, read through {@link JsonFields} so that every bad one is reported at once. Every listing
 * pages the same way: {@code limit} 1–{@value #MAX_LIMIT} (default {@value #DEFAULT_LIMIT}) and an opaque
 * {@code cursor} from the previous page's {@code next_cursor}.
 */
public final class ListingParams {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private final JsonFields fields;

    private ListingParams(JsonFields fields) {
        this.fields = fields;
    }

    /** Reads the query string; a parameter other than {@code filters}, limit and cursor is a 400 at once. */
    public static ListingParams of(Context ctx, Set<String> filters) {
        Set<String> known = new TreeSet<>(filters);
        known.addAll(Set.of("limit", "cursor"));
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!known.contains(name)) {
                throw new InvalidRequestException("/" + name, "is not a known parameter; known: " + known);
            }
            params.put(name, values.isEmpty() ? "" : values.get(0));
        });
        return new ListingParams(new JsonFields(Json.MAPPER.valueToTree(params), ""));
    }

    /** The parameters as fields, to read the listing's own filters and report their errors. */
    public JsonFields fields() {
        return fields;
    }

    public int limit() {
        String text = fields.string("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        fields.error("limit", "must be 1 to " + MAX_LIMIT);
        return DEFAULT_LIMIT;
    }

    /** The cursor given, or null for the first page (or a cursor this server never gave out, reported). */
    public PageCursor cursor() {
        String text = fields.string("cursor");
        if (text == null) {
            return null;
        }
        return PageCursor.parse(text).orElseGet(() -> {
            fields.error("cursor", "is not a cursor this server gave out");
            return null;
        });
    }

    /** Throws the 400 listing every bad parameter, if any. */
    public void throwIfInvalid() {
        fields.throwIfInvalid();
    }
}
