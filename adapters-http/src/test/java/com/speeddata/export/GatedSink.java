package com.speeddata.export;

import com.speeddata.pivot.export.ExportPlan;
import com.speeddata.pivot.export.ExportSink;
import com.speeddata.pivot.export.ExportSource;
import com.speeddata.pivot.export.Format;
import com.speeddata.pivot.export.ProgressListener;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A CSV sink that writes one line naming the plan's rows, and can be held: while held, a write waits, reporting
 * progress every few milliseconds (so a listener that throws stops it, as it stops a real sink).
 */
public final class GatedSink implements ExportSink {
    private volatile CountDownLatch gate = new CountDownLatch(0);

    /** What a write of this plan produces. */
    public static byte[] contents(ExportPlan plan) {
        return ("rows," + plan.gridRows() + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** Writes wait from now until {@link #release}. */
    public void hold() {
        gate = new CountDownLatch(1);
    }

    public void release() {
        gate.countDown();
    }

    @Override
    public Format format() {
        return Format.CSV;
    }

    @Override
    public void write(ExportPlan plan, ExportSource source, Path target, ProgressListener progress) throws IOException {
        try (WritableByteChannel out =
                Files.newByteChannel(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            write(plan, source, out, progress);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(target);
            throw e;
        }
    }

    @Override
    public void write(ExportPlan plan, ExportSource source, WritableByteChannel out, ProgressListener progress)
            throws IOException {
        CountDownLatch waitFor = gate;
        try {
            while (!waitFor.await(5, TimeUnit.MILLISECONDS)) {
                progress.progress(0, "held");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while held", e);
        }
        ByteBuffer bytes = ByteBuffer.wrap(contents(plan));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
        progress.progress(1, "written");
    }
}
