package com.speeddata.jobs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Counts and hashes (SHA-256) the bytes written through it, in the order written, so that a result file written
 * front to back is described without reading it again ({@link ResultStore#describe(java.nio.file.Path, String,
 * long, String)}). Only for writers that never seek: the hash is of the bytes as they passed.
 */
public final class HashingChannel implements WritableByteChannel {
    private final WritableByteChannel out;
    private final MessageDigest sha256;
    private long bytes;

    public HashingChannel(WritableByteChannel out) {
        this.out = out;
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
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
    public String sha256() {
        return HexFormat.of().formatHex(sha256.digest());
    }

    @Override
    public boolean isOpen() {
        return out.isOpen();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
