package com.speeddata.http.ingest;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;

/**
 * Lines of text, each at most {@code maxChars} long: unlike {@link java.io.BufferedReader#readLine()}, a longer line
 * is refused as soon as its limit is passed, without reading the rest of it into memory. Ends a line at
 * {@code \n}, {@code \r\n} or a lone {@code \r}.
 */
final class BoundedLines {
    /** A line ran past the limit; {@code number} is its 1-based line number. */
    static final class TooLong extends RuntimeException {
        private final long number;

        TooLong(long number) {
            super("line " + number + " is too long", null, false, false);
            this.number = number;
        }

        long number() {
            return number;
        }
    }

    private final Reader in;
    private final char[] buffer = new char[1 << 16];
    private final char[] line;
    private int position;
    private int limit;
    private long number;
    private boolean skipLineFeed;

    BoundedLines(Reader in, int maxChars) {
        this.in = in;
        this.line = new char[maxChars];
    }

    /** The next line without its terminator, or null at the end of the text. */
    String next() {
        int length = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit && !fill()) {
                if (!sawAny) {
                    return null;
                }
                number++;
                return new String(line, 0, length);
            }
            char c = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            sawAny = true;
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                number++;
                return new String(line, 0, length);
            }
            if (length == line.length) {
                throw new TooLong(number + 1);
            }
            line[length++] = c;
        }
    }

    /** The number of the line {@link #next()} returned last (1 for the first). */
    long number() {
        return number;
    }

    private boolean fill() {
        try {
            int n = in.read(buffer, 0, buffer.length);
            position = 0;
            limit = Math.max(n, 0);
            return n > 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
