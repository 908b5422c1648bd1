package com.speeddata.http.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.Callers;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonFields;
import com.speeddata.http.JsonResponses;
import com.speeddata.pivot.FieldError;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.Names;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.time.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * {@code PUT} and {@code DELETE /api/v1/channels/{channel}/signals/{signal}}, {@code DELETE} of its samples in a
 * time range, and {@code GET /api/v1/channels}.
 */
public final class CatalogRoutes {
    private static final Set<String> DEFINITION_FIELDS = Set.of("unit", "sample_rate_hz", "description");
    private static final int MAX_TEXT = 1024;

    private final SignalStores stores;

    public CatalogRoutes(SignalStores stores) {
        this.stores = stores;
    }

    public void register(Javalin app) {
        app.put("/api/v1/channels/{channel}/signals/{signal}", this::define);
        app.get("/api/v1/channels", this::list);
        app.delete("/api/v1/channels/{channel}/signals/{signal}", this::delete);
        app.delete("/api/v1/channels/{channel}/signals/{signal}/samples", this::deleteSamples);
    }

    /** The signal named by the path, or a 400 naming the rule when a name is invalid. */
    public static SignalKey signalKey(Context ctx) {
        String channel = ctx.pathParam("channel");
        String signal = ctx.pathParam("signal");
        List<FieldError> errors = new ArrayList<>();
        if (!Names.isValid(channel)) {
            errors.add(new FieldError("/channel", "channel name '" + channel + "' does not match " + Names.RULE));
        }
        if (!Names.isValid(signal)) {
            errors.add(new FieldError("/signal", "signal name '" + signal + "' does not match " + Names.RULE));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        return new SignalKey(channel, signal);
    }

    private void define(Context ctx) {
        SignalKey key = signalKey(ctx);
        ObjectNode body = JsonBodies.readObject(ctx);
        JsonFields fields = new JsonFields(body, "");
        fields.rejectUnknown(DEFINITION_FIELDS);
        String unit = boundedText(fields, "unit");
        String description = boundedText(fields, "description");
        Double rate = fields.number("sample_rate_hz");
        if (rate != null && !(rate > 0 && rate <= SignalDefinition.MAX_SAMPLE_RATE_HZ)) {
            fields.error(
                    "sample_rate_hz",
                    "must be a positive number of Hz up to 1e9, or null for an irregular " + "signal; got " + rate);
        }
        fields.throwIfInvalid();
        Catalog catalog = stores.catalog(Callers.owner(ctx));
        boolean created = catalog.define(new SignalDefinition(key, unit, rate, description));
        JsonResponses.send(
                ctx.status(created ? 201 : 200), view(catalog.find(key).orElseThrow()));
    }

    private void delete(Context ctx) {
        SignalKey key = signalKey(ctx);
        if (!stores.catalog(Callers.owner(ctx)).delete(key)) {
            throw new UnknownNamesException(List.of(key.path()));
        }
        ctx.status(204);
    }

    /** {@code ?start=&end=}: both required, RFC 3339 like the ingest's {@code ?start=}, {@code start <= end}. */
    private void deleteSamples(Context ctx) {
        SignalKey key = signalKey(ctx);
        List<FieldError> errors = new ArrayList<>();
        OptionalLong start = instantParameter(ctx, "start", errors);
        OptionalLong end = instantParameter(ctx, "end", errors);
        if (start.isPresent() && end.isPresent() && end.getAsLong() < start.getAsLong()) {
            errors.add(new FieldError(
                    "/end",
                    "end " + ctx.queryParam("end") + " is before start " + ctx.queryParam("start")
                            + "; the range is [start, end)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException(errors);
        }
        long deleted = stores.samples(Callers.owner(ctx)).delete(key, start.getAsLong(), end.getAsLong());
        JsonResponses.send(ctx, Map.of("deleted", deleted));
    }

    private static OptionalLong instantParameter(Context ctx, String name, List<FieldError> errors) {
        String text = ctx.queryParam(name);
        OptionalLong instant = text == null ? OptionalLong.empty() : Timestamps.parse(text);
        if (instant.isEmpty()) {
            errors.add(new FieldError(
                    "/" + name,
                    text == null
                            ? "required: ?" + name + "=<RFC 3339 instant>, e.g. " + Timestamps.EXAMPLES.get(0)
                            : "'" + text + "' is not an RFC 3339 instant with a zone between 1677-09-21 and 2262-04-11"
                                    + " (the range of int64 ns), e.g. " + Timestamps.EXAMPLES.get(0)));
        }
        return instant;
    }

    private static String boundedText(JsonFields fields, String name) {
        String text = fields.string(name);
        if (text != null && text.length() > MAX_TEXT) {
            fields.error(name, "is longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    private void list(Context ctx) {
        Map<String, List<Map<String, Object>>> byChannel = new LinkedHashMap<>();
        for (SignalInfo info : stores.catalog(Callers.owner(ctx)).list()) {
            byChannel
                    .computeIfAbsent(info.key().channel(), c -> new ArrayList<>())
                    .add(view(info));
        }
        List<Map<String, Object>> channels = new ArrayList<>();
        byChannel.forEach((name, signals) -> channels.add(Map.of("name", name, "signals", signals)));
        JsonResponses.send(ctx, Map.of("channels", channels));
    }

    static Map<String, Object> view(SignalInfo info) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("name", info.key().signal());
        view.put("unit", info.definition().unit());
        view.put("sample_rate_hz", info.definition().sampleRateHz());
        view.put("description", info.definition().description());
        boolean empty = info.stats().isEmpty();
        view.put("first", empty ? null : Timestamps.format(info.stats().firstNs()));
        view.put("last", empty ? null : Timestamps.format(info.stats().lastNs()));
        view.put("samples", info.stats().samples());
        return view;
    }
}
