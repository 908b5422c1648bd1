package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.storage.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints ingest and read throughput of the SQL sample store; not a test (speed is printed, never asserted).
 * Run: {@code java -cp <test classpath> com.speeddata.storage.pivot.SampleStoreBenchmark [h2|postgres] [samples]}.
 * Read MB/s counts 16 bytes per sample (time and value, as an export writes them).
 */
public final class SampleStoreBenchmark {
    private static final long T0 = 1_737_640_800_000_000_000L;
    private static final long MS = 1_000_000L;

    private SampleStoreBenchmark() {}

    public static void main(String[] args) {
        String vendor = args.length > 0 ? args[0] : "h2";
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 10_000_000;
        try (TestDatabase db = vendor.equals("h2") ? TestDatabase.h2() : TestDatabase.postgres()) {
            JdbcCatalog catalog = new JdbcCatalog(db.dataSource(), "local");
            JdbcSampleStore store = new JdbcSampleStore(db.dataSource(), "local");
            for (int round = 0; round < 2; round++) {
                String suffix = "r" + round;
                SignalKey even = new SignalKey("bench", "even" + suffix);
                SignalKey jitter = new SignalKey("bench", "jitter" + suffix);
                SignalKey small = new SignalKey("bench", "small" + suffix);
                for (SignalKey key : List.of(even, jitter, small)) {
                    catalog.define(new SignalDefinition(key, "V", 1000.0, ""));
                }
                System.out.printf("%s round %d, %,d samples%n", vendor, round, samples);
                ingest(store, even, samples, 100_000, 10_000, false);
                ingest(store, jitter, samples, 100_000, 10_000, true);
                ingest(store, small, samples / 10, 1_000, 1_000, false);
                read(store, even, samples);
                read(store, jitter, samples);
            }
        }
    }

    private static void ingest(
            JdbcSampleStore store, SignalKey key, int samples, int perWrite, int perBlock, boolean jitter) {
        Random random = new Random(1);
        long t = T0;
        long start = System.nanoTime();
        for (int written = 0; written < samples; written += perWrite) {
            List<SampleBlock> blocks = new ArrayList<>();
            for (int b = 0; b < perWrite; b += perBlock) {
                long[] times = new long[perBlock];
                double[] values = new double[perBlock];
                for (int i = 0; i < perBlock; i++) {
                    t += jitter ? MS - 500 + random.nextInt(1000) : MS;
                    times[i] = t;
                    values[i] = random.nextDouble();
                }
                blocks.add(new SampleBlock(times, values));
            }
            store.write(key, blocks.iterator());
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "  ingest %-12s %,6d per write, %,6d per block: %6.2f M samples/s%n",
                key.signal(), perWrite, perBlock, samples / seconds / 1e6);
    }

    private static void read(JdbcSampleStore store, SignalKey key, int samples) {
        long start = System.nanoTime();
        long n = 0;
        double sum = 0;
        try (SampleCursor cursor = store.read(key, Long.MIN_VALUE, Long.MAX_VALUE)) {
            for (SampleBlock block = cursor.next(); block != null; block = cursor.next()) {
                n += block.size();
                sum += block.values()[0] + block.times()[block.size() - 1];
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (n != samples) {
            throw new IllegalStateException("read " + n + " of " + samples + " (" + sum + ")");
        }
        System.out.printf(
                "  read   %-12s %6.2f M samples/s = %5.0f MB/s%n",
                key.signal(), n / seconds / 1e6, n * 16 / seconds / 1e6);
    }
}
