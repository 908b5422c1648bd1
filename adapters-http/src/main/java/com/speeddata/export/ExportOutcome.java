package com.speeddata.export;

import com.speeddata.jobs.Job;
import com.speeddata.pivot.export.PreparedExport;
import java.io.IOException;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What {@link ExportService#export} answers: an export to send now, or the job it became. */
public sealed interface ExportOutcome {

    PreparedExport prepared();

    /**
     * An export served in the response. It holds a share of the inline bound until closed: close it once the
     * response is written (or abandoned).
     */
    sealed interface Inline extends ExportOutcome, AutoCloseable {
        @Override
        void close() throws IOException;

        /** Not yet written: writes itself, front to back, into the channel it is given. */
        final class Streamed implements Inline {
            private final PreparedExport prepared;
            private final ChannelWriter writer;
            private final InlineExports.Permit permit;

            Streamed(PreparedExport prepared, ChannelWriter writer, InlineExports.Permit permit) {
                this.prepared = prepared;
                this.writer = writer;
                this.permit = permit;
            }

            @Override
            public PreparedExport prepared() {
                return prepared;
            }

            /**
             * Writes the whole export into {@code out}, which is not closed. On a failure {@code out} holds part of
             * a file: its owner must not pass it on as whole.
             */
            public void writeTo(WritableByteChannel out) throws IOException {
                writer.write(out);
            }

            @Override
            public void close() {
                permit.close();
            }
        }

        /** Written to a file of {@code size} bytes; closing deletes it. */
        final class File implements Inline {
            private final PreparedExport prepared;
            private final Path path;
            private final long size;
            private final InlineExports.Permit permit;

            File(PreparedExport prepared, Path path, long size, InlineExports.Permit permit) {
                this.prepared = prepared;
                this.path = path;
                this.size = size;
                this.permit = permit;
            }

            @Override
            public PreparedExport prepared() {
                return prepared;
            }

            public Path path() {
                return path;
            }

            public long size() {
                return size;
            }

            @Override
            public void close() throws IOException {
                try {
                    Files.deleteIfExists(path);
                } finally {
                    permit.close();
                }
            }
        }
    }

    /**
     * The export runs as a job: queued, or an inline export handed over past its timeout.
     *
     * @param expectedWait how long the job is expected to take, its place in the queue included
     */
    record Queued(PreparedExport prepared, Job job, Instant estimatedCompletion, Duration expectedWait)
            implements ExportOutcome {}

    /** Writes an export into a channel. */
    @FunctionalInterface
    interface ChannelWriter {
        void write(WritableByteChannel out) throws IOException;
    }
}
