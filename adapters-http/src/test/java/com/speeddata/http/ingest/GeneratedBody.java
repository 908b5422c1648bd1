package com.speeddata.http.ingest;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.LongFunction;

/**
 * A large request body made as it is read (head, then element i for i in [0, count), then tail), so a test can
 * send tens of MiB without holding them, and can ask how much of it a reader consumed.
 */
final class GeneratedBody extends InputStream {
    private final byte[] head;
    private final LongFunction<String> element;
    private final long count;
    private final byte[] tail;
    private byte[] current;
    private int position;
    private long next;
    private boolean tailSent;
    private long read;

    GeneratedBody(String head, long count, LongFunction<String> element, String tail) {
        this.head = head.getBytes(StandardCharsets.UTF_8);
        this.element = element;
        this.count = count;
        this.tail = tail.getBytes(StandardCharsets.UTF_8);
        this.current = this.head;
    }

    /** The elements joined by commas: {@code [head, e0, e1, …, tail]}. */
    static GeneratedBody array(String head, long count, LongFunction<String> element, String tail) {
        return new GeneratedBody(head, count, i -> (i == 0 ? "" : ",") + element.apply(i), tail);
    }

    long bytesRead() {
        return read;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) {
        int n = 0;
        while (n < length) {
            if (position == current.length && !advance()) {
                break;
            }
            int k = Math.min(length - n, current.length - position);
            System.arraycopy(current, position, into, offset + n, k);
            position += k;
            n += k;
        }
        read += n;
        return n == 0 && length > 0 ? -1 : n;
    }

    private boolean advance() {
        position = 0;
        if (next < count) {
            current = element.apply(next++).getBytes(StandardCharsets.UTF_8);
            return true;
        }
        if (!tailSent) {
            tailSent = true;
            current = tail;
            return true;
        }
        current = new byte[0];
        return false;
    }
}
