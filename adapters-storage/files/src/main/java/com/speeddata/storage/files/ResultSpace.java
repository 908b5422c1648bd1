package com.speeddata.storage.files;

import com.speeddata.jobs.InsufficientStorageException;
import com.speeddata.jobs.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The room of one result directory: what its filesystem has free (less a safety margin) and what the directory may
 * hold (its cap). A file being written holds room for its whole estimate until its reservation closes, so that
 * exports starting together cannot each see the same free space. Reservations are this process's: instances sharing
 * a directory see each other's files as they grow, not each other's reservations.
 */
final class ResultSpace {
    private final Path directory;
    private final long maxBytes;
    private final long minFreeBytes;
    /** File (or a placeholder for a check) → its estimated size. */
    private final Map<Object, Long> reserved = new HashMap<>();

    ResultSpace(Path directory, long maxBytes, long minFreeBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        if (minFreeBytes < 0) {
            throw new IllegalArgumentException("minFreeBytes must not be negative: " + minFreeBytes);
        }
        this.directory = directory;
        this.maxBytes = maxBytes;
        this.minFreeBytes = minFreeBytes;
    }

    /** @param file the file to be written, or null for a check that holds nothing once closed */
    synchronized ResultStore.Reservation reserve(Path file, long estimatedBytes) {
        long needed = Math.max(0, estimatedBytes);
        try {
            Usage usage = usage();
            long free = Files.getFileStore(directory).getUsableSpace() - usage.stillToWrite() - minFreeBytes;
            if (needed > free) {
                throw new InsufficientStorageException(
                        "the export is estimated at " + needed
                                + " bytes, but the disk holding results has " + Math.max(0, free) + " bytes to spare; "
                                + "retry once results have expired or been deleted",
                        needed,
                        Math.max(0, free));
            }
            long underCap = maxBytes - usage.held();
            if (needed > underCap) {
                throw new InsufficientStorageException(
                        "the export is estimated at " + needed
                                + " bytes, but the result store may hold only " + Math.max(0, underCap)
                                + " bytes more; "
                                + "retry once results have expired or been deleted",
                        needed,
                        Math.max(0, underCap));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure the result directory", e);
        }
        Object key = file == null ? new Object() : file;
        reserved.merge(key, needed, Long::sum);
        return () -> release(key, needed);
    }

    private synchronized void release(Object key, long bytes) {
        reserved.computeIfPresent(key, (k, held) -> held - bytes <= 0 ? null : held - bytes);
    }

    /**
     * What the directory holds (each reserved file at the larger of its estimate and its size so far) and what the
     * reserved files are still expected to write.
     */
    private Usage usage() throws IOException {
        Map<Object, Long> notListed = new HashMap<>(reserved);
        long held = 0;
        long stillToWrite = 0;
        try (Stream<Path> entries = Files.list(directory)) {
            for (Path file : (Iterable<Path>) entries::iterator) {
                long size = size(file);
                Long estimate = notListed.remove(file);
                held += estimate == null ? size : Math.max(size, estimate);
                stillToWrite += estimate == null ? 0 : Math.max(0, estimate - size);
            }
        }
        for (long estimate : notListed.values()) { // not created yet: counts whole
            held += estimate;
            stillToWrite += estimate;
        }
        return new Usage(held, stillToWrite);
    }

    private static long size(Path file) throws IOException {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (NoSuchFileException deletedMeanwhile) {
            return 0;
        }
    }

    private record Usage(long held, long stillToWrite) {}
}
