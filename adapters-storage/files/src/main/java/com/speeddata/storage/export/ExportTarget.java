package com.speeddata.storage.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The two file-system rules both sinks share: never overwrite, and never leave a partial file behind. */
final class ExportTarget {
    private ExportTarget() {}

    /** Writes a whole export into a file of its own. */
    @FunctionalInterface
    interface Writing {
        void to(WritableByteChannel out) throws IOException;
    }

    /**
     * Creates {@code target} (see {@link #createNew}) and has {@code writing} fill it; on any failure the partial
     * file is removed and the failure passes through (an I/O failure as {@link IOException}).
     */
    static void write(Path target, Writing writing) throws IOException {
        createNew(target);
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            writing.to(out);
        } catch (UncheckedIOException failure) {
            discard(target, failure.getCause());
            throw failure.getCause();
        } catch (IOException | RuntimeException | Error failure) {
            discard(target, failure);
            throw failure;
        }
    }

    /**
     * Creates {@code target} empty, atomically: a {@link java.nio.file.FileAlreadyExistsException} when anything,
     * even a dangling link, is there already. Only a file created here is ever deleted by {@link #discard}.
     */
    static void createNew(Path target) throws IOException {
        Files.createFile(target);
    }

    /** Removes a partial file after {@code failure}; a failed delete is attached to it, not thrown. */
    static void discard(Path target, Throwable failure) {
        try {
            Files.deleteIfExists(target);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
