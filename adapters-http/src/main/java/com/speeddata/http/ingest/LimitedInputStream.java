package com.speeddata.http.ingest;

import com.speeddata.http.problem.ProblemException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Fails with 413 as soon as more than {@code maxBytes} have been read, whatever Content-Length claimed. */
final class LimitedInputStream extends FilterInputStream {
    private final long maxBytes;
    private long read;

    LimitedInputStream(InputStream in, long maxBytes) {
        super(in);
        this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) {
        read += n;
        if (read > maxBytes) {
            throw ProblemException.bodyTooLarge(maxBytes);
        }
    }
}
