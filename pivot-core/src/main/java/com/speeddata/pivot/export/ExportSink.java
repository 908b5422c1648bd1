package com.speeddata.pivot.export;

import java.io.IOException;
import java.nio.file.Path;

/** Out-port: writes one export file of one format. */
public interface ExportSink {

    Format format();

    /**
     * Writes the whole file to {@code target}, which must not exist yet. On any failure, including a listener
     * that throws to cancel, the partial file is removed.
     */
    void write(ExportPlan plan, ExportSource source, Path target, ProgressListener progress) throws IOException;
}
