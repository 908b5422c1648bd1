package com.speeddata.http.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.sample.SampleBlock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * {@code application/json} sample bodies: {@code {"start", "values"}} for a regular signal or
 * {@code {"timestamps", "values"}}, in any field order. Read with the streaming parser a block at a time while the
 * store writes: the array that comes second streams straight through, paired with the first, which waits in a
 * {@link TokenSpool} (or with the regular times from {@code start}). So neither the body nor its samples are ever
 * held whole. JSON {@code null} stores a gap (NaN); numbers too large for a double are rejected, and so is any
 * string, number or field name longer than {@link #MAX_TOKEN_CHARS} (no timestamp or value is that long), before
 * more of it is read.
 */
final class JsonSamplesReader extends BlockReader {
    static final int BLOCK_SIZE = 1 << 16;
    static final int MAX_TOKEN_CHARS = 4096;
    static final String TOKEN_TOO_LONG = "TOKEN_TOO_LONG";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_TOKEN_CHARS)
                    .maxNumberLength(MAX_TOKEN_CHARS)
                    .maxNameLength(MAX_TOKEN_CHARS)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // Correctly rounded like Double.parseDouble (which reads the spool back), and faster on long bodies.
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final JsonParser parser;
    private final SignalDefinition signal;
    private final Path spoolDir;
    private Long start;
    private boolean sawTimestamps;
    private boolean sawValues;
    private TokenSpool spool;
    private boolean spoolHoldsValues;
    private SamplePairing pairing;
    private boolean paired;

    JsonSamplesReader(InputStream body, SignalDefinition signal, Path spoolDir) {
        this.signal = signal;
        this.spoolDir = spoolDir;
        try {
            this.parser = FACTORY.createParser(body);
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ProblemException.malformed("the request body must be a JSON object");
            }
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    protected SampleBlock readBlock() {
        try {
            while (true) {
                if (pairing != null) {
                    SampleBlock block = pairing.next();
                    if (block != null) {
                        return block;
                    }
                    pairing = null;
                    paired = true;
                }
                if (parser.nextToken() != JsonToken.FIELD_NAME) {
                    endOfObject();
                    return null;
                }
                String field = parser.currentName();
                parser.nextToken();
                field(field);
            }
        } catch (UncheckedIOException e) {
            throw translate(e.getCause());
        } catch (IOException e) {
            throw translate(e);
        }
    }

    private void field(String field) {
        switch (field) {
            case "start" -> start();
            case "timestamps" -> timestamps();
            case "values" -> values();
            default ->
                throw new InvalidRequestException(
                        "/" + field,
                        "is not a known field; send {\"start\", \"values\"} or {\"timestamps\", \"values\"}");
        }
    }

    private void start() {
        if (sawTimestamps) {
            throw bothStartAndTimestamps();
        }
        if (!signal.isRegular()) {
            throw new InvalidRequestException(
                    "/start", signal.key() + " is irregular (no sample_rate_hz); " + "send timestamps with the values");
        }
        start = JsonSampleColumns.start(parser);
        if (spoolHoldsValues) {
            pairing = new SamplePairing(
                    JsonSampleColumns.regularTimes(signal, start), JsonSampleColumns.spooledValues(spool));
        }
    }

    private void timestamps() {
        if (start != null) {
            throw bothStartAndTimestamps();
        }
        sawTimestamps = true;
        if (spoolHoldsValues) {
            pairing = new SamplePairing(JsonSampleColumns.liveTimes(parser), JsonSampleColumns.spooledValues(spool));
        } else {
            spool = new TokenSpool(spoolDir);
            JsonSampleColumns.spoolTimes(parser, spool);
        }
    }

    private void values() {
        sawValues = true;
        if (start != null) {
            pairing = new SamplePairing(
                    JsonSampleColumns.regularTimes(signal, start), JsonSampleColumns.liveValues(parser));
        } else if (spool != null) {
            pairing = new SamplePairing(JsonSampleColumns.spooledTimes(spool), JsonSampleColumns.liveValues(parser));
        } else {
            spool = new TokenSpool(spoolDir);
            spoolHoldsValues = true;
            JsonSampleColumns.spoolValues(parser, spool);
        }
    }

    /** At the closing brace: nothing may follow, and values that waited for a partner must not lack one. */
    private void endOfObject() throws IOException {
        if (parser.nextToken() != null) {
            throw ProblemException.malformed("unexpected content after the JSON object");
        }
        if (!sawValues) {
            throw new InvalidRequestException("/values", "is required");
        }
        if (!paired && spoolHoldsValues && spool.size() > 0) {
            throw new InvalidRequestException(
                    "/timestamps",
                    "is required unless start is given: send "
                            + "{\"start\", \"values\"} for a regular signal or {\"timestamps\", \"values\"}");
        }
    }

    private static InvalidRequestException bothStartAndTimestamps() {
        return new InvalidRequestException("/start", "send either start or timestamps, not both");
    }

    /** Parser failures in our words: no parser class or option names reach the client. */
    private RuntimeException translate(IOException failure) {
        if (failure instanceof StreamConstraintsException) {
            String pointer = parser == null
                    ? ""
                    : parser.getParsingContext().pathAsPointer().toString();
            String where = pointer.isEmpty() ? "/" : pointer;
            return ProblemException.badRequest(
                    TOKEN_TOO_LONG,
                    where,
                    "a string, number or field name at " + where + " is longer than " + MAX_TOKEN_CHARS
                            + " characters; no timestamp or value is that long");
        }
        if (failure instanceof JsonProcessingException json) {
            JsonLocation at = json.getLocation();
            return ProblemException.malformed("the body is not valid JSON"
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())
                    + "; numbers must be finite (send a gap as null)");
        }
        return new UncheckedIOException(failure);
    }

    @Override
    public void close() {
        try (TokenSpool toDelete = spool) {
            parser.close();
        } catch (IOException ignored) {
            // The body is closed by its owner; nothing of ours is left open.
        }
    }
}
