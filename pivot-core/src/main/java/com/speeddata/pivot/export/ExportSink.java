package com.speeddata.pivot.export;

import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;

/** Out-port: writes one export file of one format. */
public interface ExportSink {

    Format format();

    /**
     * Writes the whole file to {@code target}, which must not exist yet. On any failure, including a listener
     * that throws to cancel, the partial file is removed.
     */
    void write(ExportPlan plan, ExportSource source, Path target, ProgressListener progress) throws IOException;

    /**
     * Writes the whole file to {@code out} front to back, never seeking, so that it can go to a network response as
     * it is produced. On a failure {@code out} holds part of a file: the caller must not pass it on as whole (an
     * HTTP response is aborted, not ended).
     */
    void write(ExportPlan plan, ExportSource source, WritableByteChannel out, ProgressListener progress)
            throws IOException;
}
