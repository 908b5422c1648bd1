package com.speeddata.http.ingest;

import com.speeddata.http.problem.ProblemException;
import com.speeddata.pivot.InvalidRequestException;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.time.Timestamps;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * {@code text/csv} sample bodies: header {@code timestamp,value}, then one sample a line, read lazily in blocks
 * so that a large body is never held whole. A bad line throws while the store is writing, which rolls the
 * whole body back; so does a line longer than {@link #MAX_LINE_CHARS} (a timestamp and a value never are), which
 * is refused before the rest of it is read.
 */
final class CsvSamplesReader extends BlockReader {
    static final String HEADER = "timestamp,value";
    static final int MAX_LINE_CHARS = 4096;
    static final String LINE_TOO_LONG = "LINE_TOO_LONG";

    private final BoundedLines lines;
    private final long[] times = new long[JsonSamplesReader.BLOCK_SIZE];
    private final double[] values = new double[JsonSamplesReader.BLOCK_SIZE];

    CsvSamplesReader(InputStream body) {
        this.lines = new BoundedLines(new InputStreamReader(body, StandardCharsets.UTF_8), MAX_LINE_CHARS);
        String header = readLine();
        if (header == null || !stripBom(header).trim().equals(HEADER)) {
            throw new InvalidRequestException("/line/1", "the first line must be the header '" + HEADER + "'");
        }
    }

    @Override
    protected SampleBlock readBlock() {
        int size = 0;
        String line;
        while (size < times.length && (line = readLine()) != null) {
            if (line.isBlank()) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                throw lineError("must be 'timestamp,value'");
            }
            times[size] = parseTime(line.substring(0, comma).trim());
            values[size] = parseValue(line.substring(comma + 1).trim());
            size++;
        }
        if (size < times.length) {
            finish();
        }
        return size == 0 ? null : SampleBlocks.sortedUnique(times, values, size);
    }

    private long parseTime(String text) {
        if (!text.isEmpty() && (Character.isDigit(text.charAt(0)) || text.charAt(0) == '-') && text.indexOf('T') < 0) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw lineError("timestamp '" + text + "' is not int64 nanoseconds");
            }
        }
        OptionalLong parsed = Timestamps.parse(text);
        if (parsed.isEmpty()) {
            throw lineError("timestamp '" + text + "' is neither RFC 3339 with a zone nor int64 nanoseconds, e.g. "
                    + Timestamps.EXAMPLES);
        }
        return parsed.getAsLong();
    }

    private double parseValue(String text) {
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw lineError("value '" + text + "' is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            throw lineError("value '" + text + "' is not finite; NaN and infinities are not accepted "
                    + "(a gap can be sent as JSON null)");
        }
        return value;
    }

    private String readLine() {
        try {
            return lines.next();
        } catch (BoundedLines.TooLong e) {
            throw ProblemException.badRequest(
                    LINE_TOO_LONG,
                    "/line/" + e.number(),
                    "line " + e.number() + " is longer than " + MAX_LINE_CHARS
                            + " characters; send one 'timestamp,value' sample a line");
        }
    }

    private InvalidRequestException lineError(String detail) {
        return new InvalidRequestException("/line/" + lines.number(), "line " + lines.number() + ": " + detail);
    }

    private static String stripBom(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }
}
