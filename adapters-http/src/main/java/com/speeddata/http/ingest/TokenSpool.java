package com.speeddata.http.ingest;

import com.speeddata.http.problem.ProblemException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The elements of a JSON array that arrived before its partner ({@code timestamps} before {@code values}), kept
 * until the partner streams past: in memory up to {@link #MEMORY_BYTES}, beyond that in a temporary file that
 * {@link #close()} deletes. Either times, as zigzag varints (7 bits a byte), or texts (JSON numbers) ended by a
 * newline. Either way an element takes at most as many bytes as the JSON spent on it with its separator (a d-digit
 * integer is below 2·10^d zigzagged, which a varint holds in at most d + 1 bytes, at most 10; an RFC 3339 string
 * takes at least 22), so the file never outgrows the body, itself bounded by {@code INGEST_MAX_BYTES}.
 */
final class TokenSpool implements Closeable {
    static final int MEMORY_BYTES = 1 << 18;
    private static final String SUFFIX = ".spool";

    private final Path dir;
    private byte[] memory = new byte[4096];
    private int memorySize;
    private Path file;
    private OutputStream out;
    private InputStream in;
    private int memoryPosition;
    private long size;
    private long read;

    TokenSpool(Path dir) {
        this.dir = dir;
    }

    /** Deletes what spools of a killed process left in {@code dir}. */
    static void clearLeftovers(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path leftover : files) {
                Files.deleteIfExists(leftover);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void addTime(long time) {
        long zigzag = (time << 1) ^ (time >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        write((int) zigzag);
        size++;
    }

    void addText(String element) {
        for (int i = 0; i < element.length(); i++) {
            write(element.charAt(i));
        }
        write('\n');
        size++;
    }

    long size() {
        return size;
    }

    /** True while elements are left to read; reading starts after the last add. */
    boolean hasNext() {
        return read < size;
    }

    long nextTime() {
        long zigzag = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte();
            zigzag |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
        }
        read++;
        return (zigzag >>> 1) ^ -(zigzag & 1);
    }

    String nextText() {
        StringBuilder text = new StringBuilder(24);
        for (int b = readByte(); b != '\n'; b = readByte()) {
            text.append((char) b);
        }
        read++;
        return text.toString();
    }

    private void write(int b) {
        try {
            if (out == null && memorySize == MEMORY_BYTES) {
                spill();
            }
            if (out != null) {
                out.write(b);
                return;
            }
            if (memorySize == memory.length) {
                memory = Arrays.copyOf(memory, Math.min(MEMORY_BYTES, memory.length * 2));
            }
            memory[memorySize++] = (byte) b;
        } catch (IOException e) {
            throw noRoom();
        }
    }

    private int readByte() {
        if (file == null) {
            return memory[memoryPosition++] & 0xFF;
        }
        try {
            if (in == null) {
                out.close();
                in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            }
            int b = in.read();
            if (b < 0) {
                throw new IOException("the spool ended early");
            }
            return b;
        } catch (IOException e) {
            throw noRoom();
        }
    }

    private void spill() throws IOException {
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, "ingest-", SUFFIX);
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        out.write(memory, 0, memorySize);
        memory = null;
    }

    private static ProblemException noRoom() {
        return ProblemException.insufficientStorage("the server could not hold the body's first array while "
                + "reading the second; nothing was stored, retry later");
    }

    @Override
    public void close() {
        try (InputStream toClose = in;
                OutputStream alsoToClose = out) {
            // closed by try-with-resources
        } catch (IOException ignored) {
            // The file is deleted next; a failed close loses nothing.
        }
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // Left for clearLeftovers at the next start.
            }
        }
    }
}
