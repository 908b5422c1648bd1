package com.speeddata.storage.export;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The two file-system rules both sinks share: never overwrite, and never leave a partial file behind. */
final class ExportTarget {
    private ExportTarget() {
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
