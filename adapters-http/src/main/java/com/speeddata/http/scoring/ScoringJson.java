package com.speeddata.http.scoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.speeddata.http.JsonFields;
import com.speeddata.pivot.time.Timestamps;
import com.speeddata.scoring.events.EventId;
import com.speeddata.scoring.events.EventQuery;
import com.speeddata.scoring.events.Headlines;
import com.speeddata.scoring.usecase.BatchItems;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

/** Reads the scoring API's recurring fields, reporting every bad one with its pointer. */
final class ScoringJson {
    private static final Set<String> HEADLINE_FIELDS = Set.of("id", "text", "ticker");
    private static final Set<String> SELECTION_FIELDS = Set.of("unscored", "ticker", "start", "end");
    private static final int MAX_ID_LENGTH = 200;

    private ScoringJson() {}

    /** {@code ["text", ...]} or {@code [{"id", "text", "ticker"}, ...]}; ids default to the position. */
    static List<BatchItems.Headline> headlines(JsonFields fields, String name) {
        JsonNode array = fields.node(name);
        if (array == null || !array.isArray() || array.isEmpty()) {
            fields.error(name, "must be a non-empty array of strings or of {\"id\", \"text\", \"ticker\"} objects");
            return List.of();
        }
        List<BatchItems.Headline> headlines = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            String pointer = name + "/" + i;
            if (item.isTextual()) {
                headlines.add(checked(fields, pointer, Integer.toString(i), item.textValue(), null));
            } else if (item.isObject()) {
                JsonFields object = fields.element(name, i);
                object.rejectUnknown(HEADLINE_FIELDS);
                String id = object.string("id");
                if (id != null && (id.isEmpty() || id.length() > MAX_ID_LENGTH)) {
                    object.error("id", "must be 1 to " + MAX_ID_LENGTH + " characters");
                }
                String ticker = object.string("ticker");
                if (ticker != null && !Headlines.isTicker(ticker)) {
                    object.error("ticker", "must match " + Headlines.TICKER_RULE);
                }
                headlines.add(checked(
                        fields,
                        pointer + "/text",
                        id == null ? Integer.toString(i) : id,
                        object.string("text"),
                        ticker));
            } else {
                fields.errorAt(pointer, "must be a string or an object with text");
            }
        }
        return headlines;
    }

    private static BatchItems.Headline checked(
            JsonFields fields, String pointer, String id, String text, String ticker) {
        String problem = Headlines.problem(text);
        if (problem != null) {
            fields.errorAt(pointer, problem);
            return new BatchItems.Headline(id, "", ticker);
        }
        return new BatchItems.Headline(id, text, ticker);
    }

    static List<EventId> eventIds(JsonFields fields, String name, int max) {
        JsonNode array = fields.node(name);
        if (array == null || !array.isArray() || array.isEmpty()) {
            fields.error(name, "must be a non-empty array of event ids (UUIDs)");
            return List.of();
        }
        if (array.size() > max) {
            fields.error(name, "has " + array.size() + " ids; at most " + max + " per request");
            return List.of();
        }
        List<EventId> ids = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            var id = item.isTextual() ? EventId.parse(item.textValue()) : java.util.Optional.<EventId>empty();
            if (id.isPresent()) {
                ids.add(id.get());
            } else {
                fields.errorAt(
                        name + "/" + i, "must be an event id, a UUID such as 3f2b8c1e-4d5a-4c1b-9a7e-2f1d0c9b8a76");
            }
        }
        return ids;
    }

    /** {@code {"unscored": true, "ticker", "start", "end"}}: the owner's events matching it ({@code [start, end)}). */
    static BatchItems.Selection selection(JsonFields fields, String name, String owner, int pageSize) {
        JsonFields selection = fields.nested(name);
        if (selection == null) {
            return null;
        }
        selection.rejectUnknown(SELECTION_FIELDS);
        JsonNode unscored = selection.node("unscored");
        if (unscored != null && !unscored.isBoolean()) {
            selection.error("unscored", "must be true or false");
        }
        String ticker = ticker(selection, "ticker");
        Instant from = instant(selection, "start");
        Instant to = instant(selection, "end");
        if (from != null && to != null && !to.isAfter(from)) {
            selection.error("end", "must be after start");
            return null;
        }
        return new BatchItems.Selection(
                new EventQuery(owner, ticker, from, to, null, null, pageSize),
                unscored != null && unscored.booleanValue());
    }

    static String ticker(JsonFields fields, String name) {
        String ticker = fields.string(name);
        if (ticker != null && !Headlines.isTicker(ticker)) {
            fields.error(name, "must match " + Headlines.TICKER_RULE);
        }
        return ticker;
    }

    static Instant instant(JsonFields fields, String name) {
        String text = fields.string(name);
        if (text == null) {
            return null;
        }
        Instant instant = parseInstant(text);
        if (instant == null) {
            fields.error(name, "must be an RFC 3339 instant with a zone, e.g. " + Timestamps.EXAMPLES);
        }
        return instant;
    }

    static Instant parseInstant(String text) {
        OptionalLong nanos = Timestamps.parse(text);
        return nanos.isPresent() ? Timestamps.toInstant(nanos.getAsLong()) : null;
    }

    static String format(Instant instant) {
        return instant == null ? null : Timestamps.format(instant);
    }
}
