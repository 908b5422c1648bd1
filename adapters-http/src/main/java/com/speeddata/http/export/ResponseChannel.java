package com.speeddata.http.export;

import jakarta.servlet.ServletOutputStream;
import org.eclipse.jetty.server.HttpOutput;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;

/**
 * A servlet response as a channel, so an export sink writes straight into it. Jetty's own output takes a
 * {@link ByteBuffer} as it is, direct buffers included, and hands large ones to the socket without copying them
 * into its aggregation buffer; another servlet container's stream gets the bytes through a copy.
 */
final class ResponseChannel implements WritableByteChannel {
    private final WritableByteChannel fallback;
    private final HttpOutput jetty;
    private boolean open = true;

    ResponseChannel(ServletOutputStream out) {
        this.jetty = out instanceof HttpOutput output ? output : null;
        this.fallback = jetty == null ? Channels.newChannel(out) : null;
    }

    @Override
    public int write(ByteBuffer source) throws IOException {
        if (jetty == null) {
            return fallback.write(source);
        }
        int n = source.remaining();
        jetty.write(source); // blocking: every byte is sent (or buffered) on return
        source.position(source.limit());
        return n;
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
