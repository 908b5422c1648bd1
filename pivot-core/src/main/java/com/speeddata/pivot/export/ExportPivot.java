package com.speeddata.pivot.export;

import com.speeddata.pivot.ExportTooLargeException;
import com.speeddata.pivot.catalog.SignalStores;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Use case: plan an export against a tenant's catalog, size it, and write its file from that tenant's samples. */
public final class ExportPivot {
    private final SignalStores stores;
    private final Map<Format, ExportSink> sinks = new EnumMap<>(Format.class);
    private final long exportMaxBytes;
    private final ThroughputMeter throughput = new ThroughputMeter();
    private final Clock clock;

    public ExportPivot(SignalStores stores, Clock clock, List<ExportSink> sinks, long exportMaxBytes) {
        this.stores = stores;
        sinks.forEach(sink -> this.sinks.put(sink.format(), sink));
        this.exportMaxBytes = exportMaxBytes;
        this.clock = clock;
    }

    /** Validates and sizes the request without reading a sample. */
    public PreparedExport estimate(String tenant, ExportRequest request) {
        ExportPlan plan = new PlanExport(stores.catalog(tenant), clock).plan(request);
        return new PreparedExport(request, plan, SizeEstimator.estimate(plan));
    }

    /** As {@link #estimate}, and refuses exports over the maximum size. */
    public PreparedExport prepare(String tenant, ExportRequest request) {
        PreparedExport prepared = estimate(tenant, request);
        if (prepared.estimate().bytes() > exportMaxBytes) {
            throw new ExportTooLargeException(prepared.estimate().bytes(), exportMaxBytes);
        }
        return prepared;
    }

    /**
     * Writes the file of a tenant's prepared export to {@code target}, which must not exist yet.
     *
     * @return the receipt of each aligned signal, in plan order; empty for the raw layout
     */
    public List<SignalReceipt> write(String tenant, ExportPlan plan, Path target, ProgressListener progress)
            throws IOException {
        return measured(tenant, plan, source -> {
            sink(plan).write(plan, source, target, progress);
            return Files.size(target);
        });
    }

    /**
     * Writes the file of a tenant's prepared export to {@code out} front to back, as it is produced (see
     * {@link ExportSink#write(ExportPlan, ExportSource, WritableByteChannel, ProgressListener)}).
     *
     * @return the receipt of each aligned signal, in plan order; empty for the raw layout
     */
    public List<SignalReceipt> write(String tenant, ExportPlan plan, WritableByteChannel out, ProgressListener progress)
            throws IOException {
        return measured(tenant, plan, source -> {
            CountingChannel counted = new CountingChannel(out);
            sink(plan).write(plan, source, counted, progress);
            return counted.bytes;
        });
    }

    /** One write of a file from the tenant's samples; returns the bytes written. */
    @FunctionalInterface
    private interface Writing {
        long from(StoreExportSource source) throws IOException;
    }

    /** Runs {@code writing} on the tenant's samples and feeds its bytes and time to the throughput meter. */
    private List<SignalReceipt> measured(String tenant, ExportPlan plan, Writing writing) throws IOException {
        long started = clock.millis();
        StoreExportSource source = new StoreExportSource(plan, stores.samples(tenant));
        long bytes = writing.from(source);
        throughput.record(bytes, Duration.ofMillis(clock.millis() - started));
        return source.receipts();
    }

    private ExportSink sink(ExportPlan plan) {
        ExportSink sink = sinks.get(plan.format());
        if (sink == null) {
            throw new IllegalStateException("no sink for format " + plan.format());
        }
        return sink;
    }

    /** Counts the bytes that pass, for the throughput measurement. */
    private static final class CountingChannel implements WritableByteChannel {
        private final WritableByteChannel out;
        private long bytes;

        CountingChannel(WritableByteChannel out) {
            this.out = out;
        }

        @Override
        public int write(ByteBuffer source) throws IOException {
            int n = out.write(source);
            bytes += n;
            return n;
        }

        @Override
        public boolean isOpen() {
            return out.isOpen();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** Throughput measured over this instance's finished exports, for completion estimates. */
    public ThroughputMeter throughput() {
        return throughput;
    }
}
