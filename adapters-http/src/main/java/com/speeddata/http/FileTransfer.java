package com.speeddata.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Sends (part of) a file to a response in large blocks: the servlet stream is fastest fed big writes, and an
 * 8 KiB copy loop (Files.copy, Channels.newChannel) cost a factor of several on multi-GB downloads.
 */
public final class FileTransfer {
    private static final int BLOCK = 1 << 20;

    private FileTransfer() {}

    public static void send(Path file, long first, long length, OutputStream out) throws IOException {
        byte[] block = new byte[(int) Math.min(BLOCK, Math.max(1, length))];
        ByteBuffer buffer = ByteBuffer.wrap(block);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = first;
            long end = first + length;
            while (position < end) {
                buffer.clear().limit((int) Math.min(block.length, end - position));
                int n = channel.read(buffer, position);
                if (n < 0) {
                    throw new IOException("file ended before its expected length");
                }
                out.write(block, 0, n);
                position += n;
            }
        }
        out.flush();
    }
}
