package com.speeddata.server;

import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleStore;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-hour engine test-bench run at several sample rates, so a new user can export something at once:
 * speed steps through a test cycle (100 Hz), torque follows it (1 kHz), mains voltage and current (1 kHz),
 * oil temperature warms up (1 Hz), and humidity is logged irregularly. Deterministic (fixed seed and start).
 */
public final class DemoData {
    public static final Instant START = Instant.parse("2025-01-23T14:00:00Z");
    public static final long DURATION_NS = 3_600_000_000_000L;
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);
    private static final int BLOCK = 1 << 16;

    private final Catalog catalog;
    private final SampleStore store;

    public DemoData(Catalog catalog, SampleStore store) {
        this.catalog = catalog;
        this.store = store;
    }

    /** Loads the data set unless it is already there; returns the number of samples written. */
    public long loadIfAbsent() {
        SignalKey marker = new SignalKey("bench", "torque");
        if (catalog.find(marker).map(info -> !info.stats().isEmpty()).orElse(false)) {
            log.info("demo data already loaded");
            return 0;
        }
        long start = START.getEpochSecond() * 1_000_000_000L;
        long written = 0;
        Random random = new Random(42);
        written += regular(
                "bench",
                "speed",
                "rpm",
                100,
                "engine speed through a step test cycle",
                start,
                t -> speed(t) + random.nextGaussian() * 5);
        written += regular(
                "bench",
                "torque",
                "N.m",
                1000,
                "shaft torque",
                start,
                t -> 40 + speed(t) * 0.08 + random.nextGaussian() * 2);
        written +=
                regular("bench", "oil_temp", "degC", 1, "oil temperature", start, t -> 90 - 70 * Math.exp(-t / 900.0));
        written += regular(
                "mains",
                "voltage",
                "V",
                1000,
                "phase voltage, 50 Hz",
                start,
                t -> 325.27 * Math.sin(2 * Math.PI * 50 * t));
        written += regular(
                "mains",
                "current",
                "A",
                1000,
                "phase current, 50 Hz, lagging",
                start,
                t -> (5 + speed(t) / 1000) * Math.sin(2 * Math.PI * 50 * t - 0.3));
        written += humidity(start, random);
        log.info("demo data loaded: {} samples, {} to {}", written, START, START.plusSeconds(3600));
        return written;
    }

    /** Engine speed in rpm for a time in seconds: idle, then steps of 10 minutes up to 4000 rpm and back. */
    private static double speed(double seconds) {
        int step = (int) (seconds / 600) % 6;
        double[] plateaus = {800, 1500, 2500, 4000, 2500, 1200};
        return plateaus[step];
    }

    private long regular(
            String channel,
            String signal,
            String unit,
            double rateHz,
            String description,
            long start,
            DoubleUnaryOperator valueAtSeconds) {
        SignalDefinition definition = new SignalDefinition(new SignalKey(channel, signal), unit, rateHz, description);
        catalog.define(definition);
        long count = Math.round(DURATION_NS / 1e9 * rateHz);
        return store.write(definition.key(), new Iterator<>() {
            private long next;

            @Override
            public boolean hasNext() {
                return next < count;
            }

            @Override
            public SampleBlock next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int size = (int) Math.min(BLOCK, count - next);
                long[] times = new long[size];
                double[] values = new double[size];
                for (int i = 0; i < size; i++) {
                    times[i] = definition.sampleTime(start, next + i);
                    values[i] = valueAtSeconds.applyAsDouble((times[i] - start) / 1e9);
                }
                next += size;
                return new SampleBlock(times, values);
            }
        });
    }

    private long humidity(long start, Random random) {
        SignalDefinition definition = new SignalDefinition(
                new SignalKey("ambient", "humidity"), "%", null, "relative humidity, logged every 5 to 15 s");
        catalog.define(definition);
        int n = 0;
        long[] times = new long[1000];
        double[] values = new double[1000];
        double humidity = 45;
        for (long t = start; t < start + DURATION_NS && n < times.length; n++) {
            times[n] = t;
            humidity = Math.max(20, Math.min(80, humidity + random.nextGaussian()));
            values[n] = Math.round(humidity * 10) / 10.0;
            t += 5_000_000_000L + (long) (random.nextDouble() * 10_000_000_000L);
        }
        return store.write(
                definition.key(),
                List.of(new SampleBlock(java.util.Arrays.copyOf(times, n), java.util.Arrays.copyOf(values, n)))
                        .iterator());
    }
}
