package com.speeddata.export;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.speeddata.http.DirectoryResults;
import com.speeddata.http.Json;
import com.speeddata.http.TestEngines;
import com.speeddata.jobs.InMemoryJobStore;
import com.speeddata.jobs.JobEngine;
import com.speeddata.jobs.ResultStore;
import com.speeddata.jobs.access.Caller;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.export.ExportPivot;
import com.speeddata.pivot.export.PreparedExport;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.testing.InMemorySignalStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The export service over in-memory stores: one signal of 10 s at 1 kHz for the local tenant, a
 * {@link GatedSink} for CSV, jobs in an {@link InMemoryJobStore} (the engine is not started, so queued jobs stay
 * queued) and result files in a directory.
 */
public final class ExportFixture implements AutoCloseable {
    public static final Instant START = Instant.parse("2026-01-05T00:00:00Z");
    public final GatedSink sink = new GatedSink();
    public final InMemorySignalStores stores = new InMemorySignalStores();
    public final ExportPivot pivot;
    public final InMemoryJobStore jobs = new InMemoryJobStore();
    public final ResultStore results;
    public final JobEngine engine;
    public final ExportService service;

    /** @param settings made from {@link #estimatedBytes()}: see {@link #settings} */
    public ExportFixture(Path dir, LongFunction<ExportSettings> settings) {
        Clock clock = Clock.systemUTC();
        SignalKey key = new SignalKey("ch1", "v");
        stores.catalog(Caller.LOCAL.tenant()).define(new SignalDefinition(key, "V", 1000.0, ""));
        long[] times = new long[10_000];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = START.getEpochSecond() * 1_000_000_000L + i * 1_000_000L;
            values[i] = i;
        }
        stores.samples(Caller.LOCAL.tenant())
                .write(key, List.of(new SampleBlock(times, values)).iterator());
        pivot = new ExportPivot(stores, clock, List.of(sink), Long.MAX_VALUE);
        results = new DirectoryResults(dir);
        engine = TestEngines.engine(jobs, results, List.of(new ExportJobHandler(pivot, results)), clock);
        service = new ExportService(pivot, settings.apply(estimatedBytes()), engine, results, clock);
    }

    /** Settings with a generous sync timeout; each bound as given. */
    public static ExportSettings settings(long syncMaxBytes, int syncMaxConcurrent, long syncMaxInflightBytes) {
        return settings(syncMaxBytes, Duration.ofSeconds(10), syncMaxConcurrent, syncMaxInflightBytes);
    }

    public static ExportSettings settings(
            long syncMaxBytes, Duration syncTimeout, int syncMaxConcurrent, long syncMaxInflightBytes) {
        return new ExportSettings(syncMaxBytes, syncTimeout, Long.MAX_VALUE, syncMaxConcurrent, syncMaxInflightBytes);
    }

    /** The export request's body: the whole signal as CSV. */
    public static ObjectNode body(String execution) {
        try {
            return (ObjectNode) Json.MAPPER.readTree("{\"time_range\": {\"start\": \"" + START
                    + "\", \"duration\": \"PT10S\"}, \"channels\": [\"ch1\"], \"format\": \"csv\", \"execution\": \""
                    + execution + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public long estimatedBytes() {
        return prepare("auto").estimate().bytes();
    }

    public PreparedExport prepare(String execution) {
        return pivot.prepare(Caller.LOCAL.tenant(), ExportRequestReader.read(body(execution)));
    }

    public ExportOrder order(String execution) {
        return order(execution, false, null);
    }

    public ExportOrder order(String execution, boolean respondAsync, Duration waitFor) {
        return new ExportOrder(prepare(execution), body(execution), Caller.LOCAL, null, respondAsync, waitFor);
    }

    /** Makes the throughput meter believe exports crawl (about 2 kB/s), so inline exports go through a file. */
    public void slowMeter() {
        for (int i = 0; i < 40; i++) {
            pivot.throughput().record(1 << 20, Duration.ofSeconds(1000));
        }
    }

    @Override
    public void close() {
        sink.release();
        service.close();
        engine.close();
    }
}
