package com.speeddata.http.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.speeddata.http.Json;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.time.Timestamps;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code application/json} sample bodies: {@code {"start", "values"}} for a regular signal or
 * {@code {"timestamps", "values"}}. Read with the streaming parser into primitive arrays (no tree, no boxing);
 * JSON {@code null} stores a gap (NaN), numbers too large for a double are rejected.
 */
final class JsonSamplesReader {
    static final int BLOCK_SIZE = 1 << 16;

    private JsonSamplesReader() {
    }

    static List<SampleBlock> read(InputStream body, SignalDefinition signal) throws IOException {
        GrowableSamples samples = new GrowableSamples();
        Long start = null;
        boolean sawValues = false;
        try (JsonParser parser = Json.MAPPER.getFactory().createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.malformed("the request body must be a JSON object");
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case "start" -> start = readStart(parser);
                    case "timestamps" -> readTimestamps(parser, samples);
                    case "values" -> {
                        readValues(parser, samples);
                        sawValues = true;
                    }
                    default -> throw new InvalidRequestException("/" + field,
                            "is not a known field; send {\"start\", \"values\"} or {\"timestamps\", \"values\"}");
                }
            }
            if (parser.nextToken() != null) {
                throw ProblemException.malformed("unexpected content after the JSON object");
            }
        }
        if (!sawValues) {
            throw new InvalidRequestException("/values", "is required");
        }
        return start != null ? regular(signal, start, samples) : timestamped(samples);
    }

    private static long readStart(JsonParser parser) throws IOException {
        OptionalLong start = parser.currentToken() == JsonToken.VALUE_STRING
                ? Timestamps.parse(parser.getText()) : OptionalLong.empty();
        if (start.isEmpty()) {
            throw new InvalidRequestException("/start", "must be an RFC 3339 instant with a zone, e.g. "
                    + Timestamps.EXAMPLES);
        }
        return start.getAsLong();
    }

    private static void readTimestamps(JsonParser parser, GrowableSamples samples) throws IOException {
        expectArray(parser, "/timestamps");
        int i = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), i++) {
            samples.addTime(timestamp(parser, token, "/timestamps/" + i));
        }
    }

    static long timestamp(JsonParser parser, JsonToken token, String pointer) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return parser.getLongValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            OptionalLong parsed = Timestamps.parse(parser.getText());
            if (parsed.isPresent()) {
                return parsed.getAsLong();
            }
        }
        throw new InvalidRequestException(pointer, "must be an RFC 3339 instant with a zone or int64 nanoseconds "
                + "since the epoch, e.g. " + Timestamps.EXAMPLES + " or 1737640800000000000");
    }

    private static void readValues(JsonParser parser, GrowableSamples samples) throws IOException {
        expectArray(parser, "/values");
        int i = 0;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken(), i++) {
            if (token == JsonToken.VALUE_NULL) {
                samples.addValue(Double.NaN);
            } else if (token.isNumeric()) {
                double value = parser.getDoubleValue();
                if (Double.isInfinite(value)) {
                    throw new InvalidRequestException("/values/" + i, "is beyond the range of a float64");
                }
                samples.addValue(value);
            } else {
                throw new InvalidRequestException("/values/" + i,
                        "must be a number, or null for a gap (NaN and infinities are not accepted)");
            }
        }
    }

    private static void expectArray(JsonParser parser, String pointer) {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new InvalidRequestException(pointer, "must be an array");
        }
    }

    private static List<SampleBlock> regular(SignalDefinition signal, long start, GrowableSamples samples) {
        if (samples.timeCount() > 0) {
            throw new InvalidRequestException("/start", "send either start or timestamps, not both");
        }
        if (!signal.isRegular()) {
            throw new InvalidRequestException("/start", signal.key() + " is irregular (no sample_rate_hz); "
                    + "send timestamps with the values");
        }
        List<SampleBlock> blocks = new ArrayList<>();
        double[] values = samples.values();
        for (int from = 0; from < samples.valueCount(); from += BLOCK_SIZE) {
            int size = Math.min(BLOCK_SIZE, samples.valueCount() - from);
            long[] times = new long[size];
            double[] blockValues = new double[size];
            for (int i = 0; i < size; i++) {
                times[i] = signal.sampleTime(start, from + i);
                blockValues[i] = values[from + i];
            }
            blocks.add(new SampleBlock(times, blockValues));
        }
        return blocks;
    }

    private static List<SampleBlock> timestamped(GrowableSamples samples) {
        if (samples.timeCount() == 0 && samples.valueCount() > 0) {
            throw new InvalidRequestException("/timestamps", "is required unless start is given: send "
                    + "{\"start\", \"values\"} for a regular signal or {\"timestamps\", \"values\"}");
        }
        if (samples.timeCount() != samples.valueCount()) {
            throw new InvalidRequestException("/values", "has " + samples.valueCount() + " entries but timestamps has "
                    + samples.timeCount() + "; send one value per timestamp (or start instead of timestamps)");
        }
        return samples.valueCount() == 0 ? List.of()
                : List.of(SampleBlocks.sortedUnique(samples.times(), samples.values(), samples.valueCount()));
    }
}
