package com.speeddata.http.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.time.Timestamps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalLong;

/**
 * The sources of a JSON body's times and values: the array the parser stands in (read an element at a time), a
 * {@link TokenSpool} that holds an array read earlier, and a regular signal's start and rate. Every element is
 * checked as it is read, with its pointer ({@code /timestamps/3}, {@code /values/17}).
 */
final class JsonSampleColumns {
    private JsonSampleColumns() {}

    /** The {@code timestamps} array the parser stands at the start of. */
    static SamplePairing.Times liveTimes(JsonParser parser) {
        JsonArray array = new JsonArray(parser, "/timestamps");
        return (into, count) -> {
            int n = 0;
            while (n < count && array.next()) {
                into[n++] = timestamp(parser, array.pointer());
            }
            return n;
        };
    }

    /** The {@code values} array the parser stands at the start of. */
    static SamplePairing.Values liveValues(JsonParser parser) {
        JsonArray array = new JsonArray(parser, "/values");
        return (into, max) -> {
            int n = 0;
            while (n < max && array.next()) {
                into[n++] = value(parser, array.pointer());
            }
            return n;
        };
    }

    /** Reads the {@code timestamps} array the parser stands at into a spool, checking each. */
    static void spoolTimes(JsonParser parser, TokenSpool spool) {
        JsonArray array = new JsonArray(parser, "/timestamps");
        while (array.next()) {
            spool.addTime(timestamp(parser, array.pointer()));
        }
    }

    /** Reads the {@code values} array the parser stands at into a spool, checking each; null is kept as "n". */
    static void spoolValues(JsonParser parser, TokenSpool spool) {
        JsonArray array = new JsonArray(parser, "/values");
        while (array.next()) {
            double value = value(parser, array.pointer());
            spool.addText(Double.isNaN(value) ? "n" : text(parser));
        }
    }

    static SamplePairing.Times spooledTimes(TokenSpool spool) {
        return (into, count) -> {
            int n = 0;
            while (n < count && spool.hasNext()) {
                into[n++] = spool.nextTime();
            }
            return n;
        };
    }

    static SamplePairing.Values spooledValues(TokenSpool spool) {
        return (into, max) -> {
            int n = 0;
            while (n < max && spool.hasNext()) {
                String element = spool.nextText();
                into[n++] = element.equals("n") ? Double.NaN : Double.parseDouble(element);
            }
            return n;
        };
    }

    /** Sample i of a regular signal at {@code start + i / rate}. */
    static SamplePairing.Times regularTimes(SignalDefinition signal, long start) {
        return new SamplePairing.Times() {
            private long index;

            @Override
            public int fill(long[] into, int count) {
                for (int i = 0; i < count; i++) {
                    into[i] = signal.sampleTime(start, index++);
                }
                return count;
            }

            @Override
            public boolean endless() {
                return true;
            }
        };
    }

    /** The {@code start} field's instant. */
    static long start(JsonParser parser) {
        OptionalLong start =
                parser.currentToken() == JsonToken.VALUE_STRING ? Timestamps.parse(text(parser)) : OptionalLong.empty();
        if (start.isEmpty()) {
            throw new InvalidRequestException(
                    "/start", "must be an RFC 3339 instant with a zone, e.g. " + Timestamps.EXAMPLES);
        }
        return start.getAsLong();
    }

    private static long timestamp(JsonParser parser, String pointer) {
        try {
            JsonToken token = parser.currentToken();
            if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
                return parser.getLongValue();
            }
            if (token == JsonToken.VALUE_STRING) {
                OptionalLong parsed = Timestamps.parse(parser.getText());
                if (parsed.isPresent()) {
                    return parsed.getAsLong();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new InvalidRequestException(
                pointer,
                "must be an RFC 3339 instant with a zone or int64 nanoseconds " + "since the epoch, e.g. "
                        + Timestamps.EXAMPLES + " or 1737640800000000000");
    }

    private static double value(JsonParser parser, String pointer) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return Double.NaN;
        }
        if (!token.isNumeric()) {
            throw new InvalidRequestException(
                    pointer, "must be a number, or null for a gap (NaN and infinities are not accepted)");
        }
        double value;
        try {
            value = parser.getDoubleValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (Double.isInfinite(value)) {
            throw new InvalidRequestException(pointer, "is beyond the range of a float64");
        }
        return value;
    }

    private static String text(JsonParser parser) {
        try {
            return parser.getText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The elements of the array the parser stands at the start of, one {@link #next()} at a time. */
    private static final class JsonArray {
        private final JsonParser parser;
        private final String name;
        private long index = -1;
        private boolean ended;

        JsonArray(JsonParser parser, String name) {
            if (parser.currentToken() != JsonToken.START_ARRAY) {
                throw new InvalidRequestException(name, "must be an array");
            }
            this.parser = parser;
            this.name = name;
        }

        /** Moves to the next element; false at the end of the array. */
        boolean next() {
            if (ended) {
                return false;
            }
            JsonToken token;
            try {
                token = parser.nextToken();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (token == null) {
                throw ProblemException.malformed("the body ends inside " + name);
            }
            ended = token == JsonToken.END_ARRAY;
            index++;
            return !ended;
        }

        String pointer() {
            return name + "/" + index;
        }
    }
}
