package com.speeddata.http.export;

import jakarta.servlet.ServletOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import org.eclipse.jetty.server.HttpOutput;

/**
 * A servlet response as a channel, so an export sink writes straight into it. Large writes (a block of values)
 * go to Jetty's own output as they are, direct buffers included, which hands them to the socket without a copy;
 * small ones (the HDF5 superblock and headers, a few bytes each) are gathered first, so that they make one chunk
 * and the response is not committed by the first 48 bytes. Another servlet container's stream gets the bytes
 * through a copy. {@link #flush} sends what is gathered: call it once the sink is done.
 */
final class ResponseChannel implements WritableByteChannel {
    static final int GATHER_BYTES = 64 * 1024;

    private final ServletOutputStream out;
    private final HttpOutput jetty;
    private final WritableByteChannel fallback;
    private final ByteBuffer gathered = ByteBuffer.allocate(GATHER_BYTES);
    private boolean open = true;

    ResponseChannel(ServletOutputStream out) {
        this.out = out;
        this.jetty = out instanceof HttpOutput output ? output : null;
        this.fallback = jetty == null ? Channels.newChannel(out) : null;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        int n = source.remaining();
        if (n < GATHER_BYTES && n <= gathered.remaining()) {
            gathered.put(source);
            return n;
        }
        sendGathered();
        if (n < GATHER_BYTES) {
            gathered.put(source);
        } else {
            send(source);
        }
        return n;
    }

    /** Sends the gathered bytes and flushes the response. */
    void flush() throws IOException {
        sendGathered();
        out.flush();
    }

    private void sendGathered() throws IOException {
        if (gathered.position() > 0) {
            send(gathered.flip());
            gathered.clear();
        }
    }

    private void send(ByteBuffer bytes) throws IOException {
        if (jetty == null) {
            while (bytes.hasRemaining()) {
                fallback.write(bytes);
            }
        } else {
            jetty.write(bytes); // blocking: the bytes are written on return, and Jetty keeps no reference to them
            bytes.position(bytes.limit());
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Marks the channel closed; the response itself is ended by whoever owns it. */
    @Override
    public void close() {
        open = false;
    }
}
