package com.speeddata.jobs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Out-port: where finished jobs keep their result files (a directory shared by every instance). */
public interface ResultStore {

    /** A fresh path, not yet existing, for one attempt of a job to write its result to. */
    Path newFile(JobId id, int attempt, String extension) throws IOException;

    /** Describes a written file as a job result: its size, SHA-256, media type and location. */
    JobResult describe(Path file, String contentType) throws IOException;

    /** The file behind a result's location, if it still exists. */
    Optional<Path> open(String location);

    /** Every file this store made with {@link #newFile}, finished or not. */
    List<ResultFile> files() throws IOException;

    /** Removes a result file; a missing file is not an error. */
    void delete(String location);
}
