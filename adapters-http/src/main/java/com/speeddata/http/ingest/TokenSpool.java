package com.speeddata.http.ingest;

import com.speeddata.http.problem.ProblemException;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The elements of a JSON array that arrived before its partner ({@code timestamps} before {@code values}), kept
 * until the partner streams past: one line of text per element, in memory up to {@link #MEMORY_CHARS}, beyond that
 * in a temporary file that {@link #close()} deletes. An element is written in at most as many characters as the
 * JSON spent on it, so the file never outgrows the body (itself bounded by {@code INGEST_MAX_BYTES}).
 */
final class TokenSpool implements Closeable {
    static final int MEMORY_CHARS = 1 << 18;
    private static final String SUFFIX = ".spool";

    private final Path dir;
    private final StringBuilder memory = new StringBuilder();
    private Path file;
    private BufferedWriter writer;
    private BufferedReader reader;
    private int memoryPosition;
    private long size;

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

    void add(String element) {
        try {
            if (writer == null && memory.length() + element.length() + 1 > MEMORY_CHARS) {
                spill();
            }
            if (writer == null) {
                memory.append(element).append('\n');
            } else {
                writer.write(element);
                writer.write('\n');
            }
        } catch (IOException e) {
            throw noRoom();
        }
        size++;
    }

    long size() {
        return size;
    }

    /** The next element in the order they were added, or null after the last; call after the last {@link #add}. */
    String next() {
        try {
            if (file == null) {
                int end = memory.indexOf("\n", memoryPosition);
                if (end < 0) {
                    return null;
                }
                String element = memory.substring(memoryPosition, end);
                memoryPosition = end + 1;
                return element;
            }
            if (reader == null) {
                writer.close();
                reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
            }
            return reader.readLine();
        } catch (IOException e) {
            throw noRoom();
        }
    }

    private void spill() throws IOException {
        Files.createDirectories(dir);
        file = Files.createTempFile(dir, "ingest-", SUFFIX);
        writer = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        writer.append(memory);
        memory.setLength(0);
        memory.trimToSize();
    }

    private static ProblemException noRoom() {
        return ProblemException.insufficientStorage("the server could not hold the body's first array while "
                + "reading the second; nothing was stored, retry later");
    }

    @Override
    public void close() {
        try {
            if (reader != null) {
                reader.close();
            }
            if (writer != null) {
                writer.close();
            }
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
