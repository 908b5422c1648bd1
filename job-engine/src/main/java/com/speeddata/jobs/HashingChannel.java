package com.speeddata.jobs;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Counts and hashes (SHA-256) the bytes written through it, in the order written, so that a result file written
 * front to back is described without reading it again ({@link ResultStore#describe(java.nio.file.Path, String,
 * long, String)}). Only for writers that never seek: the hash is of the bytes as they passed. The hashing runs on a
 * thread of its own ({@link BackgroundSha256}); close the channel to stop it.
 */
public final class HashingChannel implements WritableByteChannel {
    private final WritableByteChannel out;
    private final BackgroundSha256 sha256 = new BackgroundSha256();
    private long bytes;

    public HashingChannel(WritableByteChannel out) {
        this.out = out;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        ByteBuffer written = source.duplicate();
        int n = out.write(source);
        written.limit(written.position() + n);
        sha256.update(written);
        bytes += n;
        return n;
    }

    public long bytes() {
        return bytes;
    }

    /** The lower-case hex SHA-256 of everything written; call once, when the writing is done. */
    public String sha256() throws InterruptedIOException {
        return sha256.hex();
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    @Override
    public void close() throws IOException {
        sha256.close();
        out.close();
    }
}
