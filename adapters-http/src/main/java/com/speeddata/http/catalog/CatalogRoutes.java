package com.speeddata.http.catalog;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.JsonBodies;
import com.speeddata.http.JsonFields;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.http.Callers;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalStores;
import com.speeddata.pivot.catalog.Names;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.time.Timestamps;
import io.javalin.Javalin;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code PUT /api/v1/channels/{channel}/signals/{signal}} and {@code GET /api/v1/channels}. */
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
    }

    /** The signal named by the path, or a 400 naming the rule when a name is invalid. */
    public static SignalKey signalKey(Context ctx) {
        String channel = ctx.pathParam("channel");
        String signal = ctx.pathParam("signal");
        List<com.speeddata.pivot.FieldError> errors = new ArrayList<>();
        if (!Names.isValid(channel)) {
            errors.add(new com.speeddata.pivot.FieldError("/channel", "channel name '" + channel
                    + "' does not match " + Names.RULE));
        }
        if (!Names.isValid(signal)) {
            errors.add(new com.speeddata.pivot.FieldError("/signal", "signal name '" + signal
                    + "' does not match " + Names.RULE));
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
            fields.error("sample_rate_hz", "must be a positive number of Hz up to 1e9, or null for an irregular "
                    + "signal; got " + rate);
        }
        fields.throwIfInvalid();
        Catalog catalog = stores.catalog(Callers.owner(ctx));
        boolean created = catalog.define(new SignalDefinition(key, unit, rate, description));
        ctx.status(created ? 201 : 200).json(view(catalog.find(key).orElseThrow()));
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
            byChannel.computeIfAbsent(info.key().channel(), c -> new ArrayList<>()).add(view(info));
        }
        List<Map<String, Object>> channels = new ArrayList<>();
        byChannel.forEach((name, signals) -> channels.add(Map.of("name", name, "signals", signals)));
        ctx.json(Map.of("channels", channels));
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
