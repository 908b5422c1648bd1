package com.speeddata.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Out-port: where finished jobs keep their result files (a directory shared by every instance). */
public interface ResultStore {

    /** A fresh path, not yet existing, for one attempt of a job to write its result to. */
    Path newFile(JobId id, int attempt, String extension) throws IOException;

    /**
     * Describes a written file as a job result: its size, SHA-256, media type and location (reads the file). The
     * file is durable when this returns, its contents and its name (as far as the disk honours a flush): a job is
     * completed right after, and a completion outlives a power cut.
     */
    JobResult describe(Path file, String contentType) throws IOException;

    /**
     * The same, for a file whose size and SHA-256 were counted as it was written ({@link HashingChannel}); a
     * {@link FlushingChannel} leaves little to flush here.
     */
    JobResult describe(Path file, String contentType, long bytes, String sha256) throws IOException;

    /** The file behind a result's location, if it still exists. */
    Optional<Path> open(String location);

    /** Every file this store made with {@link #newFile}, finished or not. */
    List<ResultFile> files() throws IOException;

    /** Removes a result file; a missing file is not an error. */
    void delete(String location);

    /**
     * Holds room for a file of about {@code estimatedBytes} that is about to be written to {@code file} (a path from
     * {@link #newFile}), until the reservation is closed. Counted against the free space of the directory's
     * filesystem, less a safety margin, and against a cap on what the directory holds, beside what it holds and what
     * is reserved already.
     *
     * The default holds and refuses nothing: a store without bounds.
     *
     * @throws InsufficientStorageException when the file does not fit
     */
    default Reservation reserve(Path file, long estimatedBytes) {
        return () -> {};
    }

    /**
     * Refuses at once a file that would not fit now ({@link #reserve}'s rule), holding nothing: a job is checked
     * when it is queued, and reserves its room when it runs.
     *
     * @throws InsufficientStorageException when the file does not fit
     */
    default void checkRoom(long estimatedBytes) {}

    /** Room held for a file being written; closing it (once the file is finished or deleted) frees the hold. */
    interface Reservation extends AutoCloseable {
        @Override
        void close();
    }
}
