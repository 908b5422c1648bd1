package com.speeddata.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.JsonFields;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.export.Aggregate;
import com.speeddata.pivot.export.Execution;
import com.speeddata.pivot.export.ExportRequest;
import com.speeddata.pivot.export.Fill;
import com.speeddata.pivot.export.FillSpec;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.Layout;
import com.speeddata.pivot.export.MaxGapSpec;
import com.speeddata.pivot.export.SignalSelection;
import com.speeddata.pivot.export.Wire;
import com.speeddata.pivot.time.IsoDurations;
import com.speeddata.pivot.time.TimeRangeParser;
import com.speeddata.pivot.time.TimeRangeSpec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/** Reads the JSON body of {@code /pivot/export} and {@code /pivot/estimate}, reporting every bad field at once. */
public final class ExportRequestReader {
    private static final Set<String> FIELDS = Set.of(
            "time_range",
            "channels",
            "signals",
            "execution",
            "format",
            "layout",
            "interval",
            "fill",
            "aggregate",
            "max_gap",
            "quality");

    private ExportRequestReader() {}

    public static ExportRequest read(ObjectNode body) {
        JsonFields fields = new JsonFields(body, "");
        fields.rejectUnknown(FIELDS);
        TimeRangeSpec timeRange = timeRange(fields);
        List<String> channels = fields.strings("channels");
        if (channels == null || channels.isEmpty()) {
            fields.error("channels", "must list at least one channel, e.g. [\"ch1\", \"ch2\"]");
        }
        Map<String, SignalSelection> signals = signals(fields);
        Execution execution = choice(fields, "execution", Execution.class, Execution::parse);
        Format format = choice(fields, "format", Format.class, Format::parse);
        Layout layout = choice(fields, "layout", Layout.class, Layout::parse);
        Aggregate aggregate = choice(fields, "aggregate", Aggregate.class, Aggregate::parse);
        Long interval = interval(fields);
        FillSpec fill = fill(fields);
        MaxGapSpec maxGap = maxGap(fields);
        boolean quality = quality(fields);
        fields.throwIfInvalid();
        return new ExportRequest(
                timeRange, channels, signals, execution, format, layout, interval, fill, aggregate, maxGap, quality);
    }

    private static TimeRangeSpec timeRange(JsonFields fields) {
        if (!fields.has("time_range")) {
            fields.error(
                    "time_range", "is required, e.g. {\"start\": \"2025-01-23T14:00:00Z\", \"duration\": \"PT1H\"}");
            return null;
        }
        JsonFields range = fields.nested("time_range");
        if (range == null) {
            return null;
        }
        Map<String, String> members = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        fields.node("time_range").properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            if (member.getValue().isTextual()) {
                members.put(member.getKey(), member.getValue().textValue());
            } else {
                range.error(member.getKey(), "must be a string");
            }
        }
        try {
            return TimeRangeParser.parse(members, fields.at("time_range"));
        } catch (InvalidRequestException e) {
            fields.addAll(e.errors());
            return null;
        }
    }

    private static Map<String, SignalSelection> signals(JsonFields fields) {
        if (!fields.has("signals")) {
            return Map.of();
        }
        JsonFields signals = fields.nested("signals");
        if (signals == null) {
            return Map.of();
        }
        Map<String, SignalSelection> selection = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        fields.node("signals").properties().iterator();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            JsonNode value = member.getValue();
            if (value.isTextual() && value.textValue().equals("*")) {
                selection.put(member.getKey(), SignalSelection.ALL);
            } else if (value.isArray() && !value.isEmpty() && allText(value)) {
                selection.put(
                        member.getKey(),
                        new SignalSelection.Named(java.util.stream.StreamSupport.stream(value.spliterator(), false)
                                .map(JsonNode::textValue)
                                .toList()));
            } else {
                signals.error(member.getKey(), "must be \"*\" or a non-empty array of signal names");
            }
        }
        return selection;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode item : array) {
            if (!item.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static <E extends Enum<E>> E choice(
            JsonFields fields, String name, Class<E> type, Function<String, Optional<E>> parse) {
        String text = fields.string(name);
        if (text == null) {
            return null;
        }
        Optional<E> value = parse.apply(text);
        if (value.isEmpty()) {
            fields.error(name, "'" + text + "' is not one of " + Wire.names(type));
        }
        return value.orElse(null);
    }

    private static Long interval(JsonFields fields) {
        String text = fields.string("interval");
        if (text == null) {
            return null;
        }
        OptionalLong nanos = IsoDurations.parseNanos(text);
        if (nanos.isEmpty() || nanos.getAsLong() <= 0) {
            fields.error(
                    "interval", "'" + text + "' is not a positive ISO 8601 duration, e.g. " + IsoDurations.EXAMPLES);
            return null;
        }
        return nanos.getAsLong();
    }

    private static FillSpec fill(JsonFields fields) {
        JsonNode node = fields.node("fill");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            Fill fill = choice(fields, "fill", Fill.class, Fill::parse);
            return fill == null ? null : new FillSpec(fill, Map.of());
        }
        JsonFields perSignal = fields.nested("fill");
        if (perSignal == null) {
            return null;
        }
        Map<String, Fill> overrides = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            Optional<Fill> fill =
                    member.getValue().isTextual() ? Fill.parse(member.getValue().textValue()) : Optional.empty();
            if (fill.isPresent()) {
                overrides.put(member.getKey(), fill.get());
            } else {
                perSignal.error(member.getKey(), "must be one of " + Wire.names(Fill.class));
            }
        }
        return new FillSpec(Fill.LINEAR, overrides);
    }

    /** {@code max_gap}: a positive ISO 8601 duration, or an object of them keyed by {@code channel/signal}. */
    private static MaxGapSpec maxGap(JsonFields fields) {
        JsonNode node = fields.node("max_gap");
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isTextual()) {
            Long nanos = positiveDuration(fields, "max_gap", node);
            return nanos == null ? null : new MaxGapSpec(nanos, Map.of());
        }
        if (!node.isObject()) {
            fields.error(
                    "max_gap",
                    "must be an ISO 8601 duration such as \"PT10S\", or an object of them keyed by "
                            + "channel/signal, e.g. {\"ch1/voltage\": \"PT1S\"}");
            return null;
        }
        JsonFields perSignal = fields.nested("max_gap");
        Map<String, Long> limits = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            Long nanos = positiveDuration(perSignal, member.getKey(), member.getValue());
            if (nanos != null) {
                limits.put(member.getKey(), nanos);
            }
        }
        return new MaxGapSpec(null, limits);
    }

    private static Long positiveDuration(JsonFields fields, String name, JsonNode node) {
        OptionalLong nanos = node.isTextual() ? IsoDurations.parseNanos(node.textValue()) : OptionalLong.empty();
        if (nanos.isEmpty() || nanos.getAsLong() <= 0) {
            fields.error(
                    name,
                    (node.isTextual() ? "'" + node.textValue() + "'" : node.toString())
                            + " is not a positive ISO 8601 duration, e.g. " + IsoDurations.EXAMPLES);
            return null;
        }
        return nanos.getAsLong();
    }

    private static boolean quality(JsonFields fields) {
        JsonNode node = fields.node("quality");
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            fields.error("quality", "must be true or false");
            return false;
        }
        return node.booleanValue();
    }
}
