package com.speeddata.pivot.contract;

import static com.speeddata.pivot.contract.Stored.apply;
import static com.speeddata.pivot.contract.Stored.assertBits;
import static com.speeddata.pivot.contract.Stored.assertSamples;
import static com.speeddata.pivot.contract.Stored.block;
import static com.speeddata.pivot.contract.Stored.blocks;
import static com.speeddata.pivot.contract.Stored.even;
import static com.speeddata.pivot.contract.Stored.read;
import static com.speeddata.pivot.contract.Stored.readAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.sample.Sample;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every {@link SampleStore} adapter must do. Subclass it once per adapter and return a fresh, empty store
 * from {@link #newStores()}. Sizes are chosen around {@link #chunkSamples()} so that chunked adapters are tested at
 * their chunk edges; an adapter without chunks keeps the default.
 */
public abstract class SampleStoreContract {
    private static final SignalKey KEY = new SignalKey("ch1", "voltage");
    /** A realistic epoch: 2025-01-23T14:00:00Z in ns. */
    private static final long T0 = 1_737_640_800_000_000_000L;

    private static final long MS = 1_000_000L;

    private Stores stores;
    private Catalog catalog;
    private SampleStore store;
    private final NavigableMap<Long, Double> model = new TreeMap<>();

    /** A fresh store holding no signal, called before every test. */
    protected abstract Stores newStores();

    /** How many samples the adapter keeps in one chunk; tests write around multiples of it. */
    protected int chunkSamples() {
        return 8192;
    }

    @BeforeEach
    void freshStore() {
        stores = newStores();
        catalog = stores.catalog();
        store = stores.samples();
        catalog.define(new SignalDefinition(KEY, "V", 1000.0, ""));
    }

    private long write(SampleBlock... blocks) {
        long accepted = store.write(KEY, blocks(blocks));
        apply(model, blocks);
        return accepted;
    }

    private void assertStoredAsModel() {
        assertSamples(model, Long.MIN_VALUE, Long.MAX_VALUE, readAll(store, KEY));
        SignalStats expected =
                model.isEmpty() ? SignalStats.EMPTY : new SignalStats(model.size(), model.firstKey(), model.lastKey());
        assertEquals(expected, catalog.find(KEY).orElseThrow().stats(), "stats");
        assertEquals(model.size(), store.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE), "count of everything");
    }

    private static double wave(long t) {
        return Math.sin(t * 1e-7);
    }

    // --- writing and reading back -------------------------------------------------------------------------

    @Test
    void samples_of_one_tenant_are_invisible_to_another_with_the_same_signal_name() {
        write(even(T0, MS, 10, t -> 1.0));
        SampleStore other = stores.all().samples("acme");
        assertThrows(
                UnknownNamesException.class,
                () -> other.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE),
                "another tenant has no such signal");
        assertThrows(UnknownNamesException.class, () -> other.write(KEY, blocks(even(T0, MS, 1, t -> 9.0))));

        stores.all().catalog("acme").define(new SignalDefinition(KEY, "V", 1000.0, ""));
        assertEquals(0, other.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(1, other.write(KEY, blocks(even(T0, MS, 1, t -> 9.0))));
        assertEquals(9.0, other.firstAtOrAfter(KEY, T0).orElseThrow().value());
        assertStoredAsModel();
        assertEquals(10, stores.catalog().find(KEY).orElseThrow().stats().samples());
        assertEquals(
                1, stores.all().catalog("acme").find(KEY).orElseThrow().stats().samples());
    }

    @Test
    void write_returns_accepted_and_reads_back() {
        assertEquals(10, write(even(T0, MS, 10, t -> t % 1000 / 10.0)));
        assertStoredAsModel();
    }

    @Test
    void empty_signal_reads_nothing() {
        assertEquals(0, readAll(store, KEY).size());
        assertEquals(0, store.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(Optional.empty(), store.lastBefore(KEY, Long.MAX_VALUE));
        assertEquals(Optional.empty(), store.firstAtOrAfter(KEY, Long.MIN_VALUE));
        assertEquals(SignalStats.EMPTY, catalog.find(KEY).orElseThrow().stats());
    }

    @Test
    void write_of_no_blocks_or_empty_blocks_accepts_nothing() {
        assertEquals(0, store.write(KEY, List.<SampleBlock>of().iterator()));
        assertEquals(0, write(new SampleBlock(new long[0], new double[0])));
        assertStoredAsModel();
    }

    @Test
    void replace_on_same_timestamp_keeps_everything_else() {
        write(even(T0, 10, 100, t -> 1.0));
        assertEquals(3, write(block(new long[] {T0 + 200, T0 + 205, T0 + 300}, new double[] {2.0, 2.5, 3.0})));

        assertStoredAsModel();
        assertEquals(101, model.size());
        assertEquals(2.0, store.firstAtOrAfter(KEY, T0 + 200).orElseThrow().value());
        assertEquals(1.0, store.lastBefore(KEY, T0 + 200).orElseThrow().value());
    }

    @Test
    void later_block_wins_on_equal_time_within_one_write() {
        write(even(T0, 1, 5, t -> 1.0), even(T0 + 2, 1, 5, t -> 2.0), block(new long[] {T0 + 4}, new double[] {3.0}));
        assertStoredAsModel();
        assertEquals(List.of(1.0, 1.0, 2.0, 2.0, 3.0, 2.0, 2.0), List.copyOf(model.values()));
    }

    @Test
    void writes_crossing_chunk_boundaries_replace_only_their_samples() {
        int c = chunkSamples();
        write(even(T0, MS, 3 * c + 17, SampleStoreContract::wave));
        // irregular block straddling the first two chunk edges: replaces some samples, adds others between them
        long[] times = new long[c + 40];
        double[] values = new double[times.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + (c - 20) * MS + i * (MS / 2) + (i % 3 == 0 ? 0 : 7);
            values[i] = -i;
        }
        write(block(times, values));
        // a block that ends exactly on the first sample of the last (short) chunk
        write(even(T0 + (2L * c) * MS, MS, c + 1, t -> 42.0));
        assertStoredAsModel();
    }

    @Test
    void out_of_order_blocks_in_one_write() {
        int c = chunkSamples();
        write(
                even(T0 + 2L * c * MS, MS, c, t -> 1.0),
                even(T0, MS, c + 5, t -> 2.0),
                even(T0 + c * MS / 2, MS, c, t -> 3.0),
                even(T0 - 10 * MS, MS / 3, 100, t -> 4.0));
        assertStoredAsModel();
    }

    @Test
    void out_of_order_writes_before_between_and_after_stored_samples() {
        int c = chunkSamples();
        write(even(T0 + 10L * c * MS, MS, 2 * c, SampleStoreContract::wave));
        write(even(T0, MS, c + 3, t -> 1.0)); // before everything
        write(even(T0 + 5L * c * MS, MS, 10, t -> 2.0)); // in the gap
        write(even(T0 + 10L * c * MS + MS / 2, MS, 5, t -> 3.0)); // between samples of a chunk
        write(even(T0 + 12L * c * MS, MS, 7, t -> 4.0)); // after everything
        assertStoredAsModel();
    }

    @Test
    void many_small_appends() {
        long t = T0;
        for (int w = 0; w < 300; w++) {
            write(even(t, MS, 7, SampleStoreContract::wave));
            t += 7 * MS;
        }
        assertStoredAsModel();
        assertEquals(2100, store.count(KEY, T0, t));
    }

    @Test
    void small_appends_across_a_chunk_boundary_in_irregular_time() {
        Random random = new Random(7);
        long t = T0;
        int c = chunkSamples();
        for (int w = 0; w < 12; w++) {
            int n = c / 5 + random.nextInt(50);
            long[] times = new long[n];
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                t += 1 + random.nextInt(1000);
                times[i] = t;
                values[i] = random.nextGaussian();
            }
            write(block(times, values));
        }
        assertStoredAsModel();
    }

    @Test
    void negative_and_extreme_times() {
        write(block(new long[] {Long.MIN_VALUE, -5, 0, 5, Long.MAX_VALUE - 1}, new double[] {1, 2, 3, 4, 5}));
        write(even(-1000, 100, 21, t -> t));
        assertStoredAsModel();
        assertEquals(
                Long.MIN_VALUE,
                store.firstAtOrAfter(KEY, Long.MIN_VALUE).orElseThrow().timeNs());
        assertEquals(
                Long.MAX_VALUE - 1,
                store.lastBefore(KEY, Long.MAX_VALUE).orElseThrow().timeNs());
    }

    @Test
    void evenly_spaced_samples_spanning_more_than_a_long_read_back_whole_and_in_part() {
        long step = 5_000_000_000_000_000_000L;
        write(even(-step, step, 3, t -> t));
        assertStoredAsModel();
        assertSamples(
                model,
                3_500_000_000_000_000_000L,
                Long.MAX_VALUE,
                read(store, KEY, 3_500_000_000_000_000_000L, Long.MAX_VALUE));
        assertSamples(model, -step + 1, step, read(store, KEY, -step + 1, step));
    }

    @Test
    void large_write_round_trips() {
        Random random = new Random(42);
        int n = 100_000;
        long[] times = new long[n];
        double[] values = new double[n];
        long t = T0;
        for (int i = 0; i < n; i++) {
            t += (i % 1000 == 999) ? 1_000 * MS : MS; // mostly even, with a gap now and then
            times[i] = t;
            values[i] = random.nextDouble();
        }
        List<SampleBlock> blocks = new ArrayList<>();
        for (int from = 0; from < n; from += 10_000) {
            blocks.add(block(
                    java.util.Arrays.copyOfRange(times, from, from + 10_000),
                    java.util.Arrays.copyOfRange(values, from, from + 10_000)));
        }
        assertEquals(n, write(blocks.toArray(SampleBlock[]::new)));
        assertEquals(n, write(even(t + MS, MS, n, SampleStoreContract::wave)));
        assertStoredAsModel();
    }

    // --- atomicity ------------------------------------------------------------------------------------------

    @Test
    void block_iterator_failing_midway_stores_nothing() {
        int c = chunkSamples();
        write(even(T0, MS, c + 10, t -> 1.0));
        SignalStats before = catalog.find(KEY).orElseThrow().stats();
        RuntimeException boom = new IllegalStateException("body ended early");
        Iterator<SampleBlock> failing = new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SampleBlock next() {
                served++;
                if (served == 1) {
                    return even(T0 + 5 * MS, MS, c, t -> 2.0); // replaces stored samples
                }
                if (served == 2) {
                    return even(T0 + 100L * c * MS, MS, 3 * c, t -> 3.0); // appends, crossing chunks
                }
                throw boom;
            }
        };

        RuntimeException thrown = assertThrows(RuntimeException.class, () -> store.write(KEY, failing));
        assertSame(boom, thrown, "the iterator's own exception comes out unchanged");
        assertEquals(before, catalog.find(KEY).orElseThrow().stats());
        assertStoredAsModel();
    }

    @Test
    void store_still_works_after_a_failed_write() {
        write(even(T0, MS, 10, t -> 1.0));
        Iterator<SampleBlock> failing =
                List.of(even(T0 + 20 * MS, MS, 10, t -> 2.0)).iterator();
        Iterator<SampleBlock> throwing = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public SampleBlock next() {
                if (failing.hasNext()) {
                    return failing.next();
                }
                throw new UnsupportedOperationException("nope");
            }
        };
        assertThrows(UnsupportedOperationException.class, () -> store.write(KEY, throwing));
        write(even(T0 + 10 * MS, MS, 10, t -> 3.0));
        assertStoredAsModel();
    }

    // --- values ---------------------------------------------------------------------------------------------

    @Test
    void nan_gaps_negative_zero_and_special_values_round_trip_bit_exactly() {
        double payloadNan = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);
        double negativeNan = Double.longBitsToDouble(0xfff8_0000_0000_0000L);
        double[] values = {
            Double.NaN,
            -0.0,
            0.0,
            payloadNan,
            negativeNan,
            Double.MIN_VALUE,
            -Double.MAX_VALUE,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY,
            1.0 / 3.0
        };
        long[] times = new long[values.length];
        for (int i = 0; i < times.length; i++) {
            times[i] = T0 + i * MS;
        }
        write(block(times, values));
        assertStoredAsModel();
        assertBits(Double.NaN, store.firstAtOrAfter(KEY, T0).orElseThrow().value(), "first");
        assertBits(-0.0, store.lastBefore(KEY, T0 + 2 * MS).orElseThrow().value(), "lastBefore");
        assertBits(
                payloadNan,
                store.firstAtOrAfter(KEY, T0 + 2 * MS + 1).orElseThrow().value(),
                "payload NaN");
    }

    @Test
    void nan_gap_replaces_a_value_and_a_value_replaces_a_gap() {
        write(even(T0, MS, 100, t -> Double.NaN));
        write(even(T0 + 10 * MS, MS, 10, t -> 5.0));
        write(block(new long[] {T0 + 12 * MS}, new double[] {Double.NaN}));
        assertStoredAsModel();
        assertEquals(100, store.count(KEY, T0, T0 + 100 * MS));
    }

    // --- ranges -----------------------------------------------------------------------------------------------

    private void writeThreeChunksAndABit() {
        int c = chunkSamples();
        write(even(T0, MS, 3 * c + 5, SampleStoreContract::wave));
        // an irregular stretch after a gap, so edges fall inside chunks of both encodings
        long[] times = new long[c + 3];
        double[] values = new double[times.length];
        long t = T0 + 10L * c * MS;
        for (int i = 0; i < times.length; i++) {
            t += (i % 2 == 0) ? 3 : 1_000;
            times[i] = t;
            values[i] = i;
        }
        write(block(times, values));
    }

    private List<long[]> ranges() {
        int c = chunkSamples();
        long irregular = T0 + 10L * c * MS;
        List<long[]> ranges = new ArrayList<>(List.of(
                new long[] {Long.MIN_VALUE, Long.MAX_VALUE},
                new long[] {T0, T0 + 1}, // exactly the first sample
                new long[] {T0 - 1, T0}, // ends on it: nothing
                new long[] {T0 + 3 * MS + 1, T0 + 7 * MS}, // edges between samples
                new long[] {T0 + (c - 1) * MS, T0 + (c + 1) * MS}, // across a chunk edge
                new long[] {T0 + (c - 1) * MS + 1, T0 + (c + 1) * MS + 1},
                new long[] {T0 + c * MS, T0 + 2L * c * MS}, // exactly one chunk's span
                new long[] {T0 + 100 * MS + 1, T0 + (3L * c - 100) * MS - 1}, // interior chunks, trimmed edges
                new long[] {T0 + 5L * c * MS, T0 + 6L * c * MS}, // inside the gap
                new long[] {T0 + 2L * c * MS, irregular + 500_000}, // across the gap into irregular
                new long[] {irregular + 1_000, irregular + 400_000},
                new long[] {irregular + 1_004, irregular + 1_005},
                new long[] {T0 + 50 * MS, T0 + 50 * MS}, // empty range
                new long[] {Long.MIN_VALUE, T0 - 1},
                new long[] {irregular + 10_000_000_000L, Long.MAX_VALUE}));
        Random random = new Random(3);
        for (int i = 0; i < 40; i++) {
            long a = T0 - MS + (long) (random.nextDouble() * (irregular - T0 + 20_000_000L));
            long b = a + (long) (random.nextDouble() * (i % 2 == 0 ? 20 * MS : 2L * c * MS));
            ranges.add(new long[] {a, b});
        }
        return ranges;
    }

    @Test
    void read_of_sub_ranges_returns_exactly_the_samples_inside() {
        writeThreeChunksAndABit();
        for (long[] r : ranges()) {
            assertSamples(model, r[0], r[1], read(store, KEY, r[0], r[1]));
        }
    }

    @Test
    void count_matches_the_samples_inside_each_range() {
        writeThreeChunksAndABit();
        for (long[] r : ranges()) {
            long expected = r[0] < r[1] ? model.subMap(r[0], true, r[1], false).size() : 0;
            assertEquals(expected, store.count(KEY, r[0], r[1]), "count in [" + r[0] + ", " + r[1] + ")");
        }
    }

    @Test
    void last_before_and_first_at_or_after_around_chunk_edges() {
        writeThreeChunksAndABit();
        List<Long> probes = new ArrayList<>(List.of(Long.MIN_VALUE, T0 - 1, Long.MAX_VALUE));
        for (long edge : model.keySet().stream()
                .filter(t -> (t - T0) % (chunkSamples() * MS) == 0)
                .toList()) {
            probes.addAll(List.of(edge - MS, edge - 1, edge, edge + 1));
        }
        long irregularFirst = model.ceilingKey(T0 + 10L * chunkSamples() * MS);
        long last = model.lastKey();
        probes.addAll(List.of(
                irregularFirst - 1,
                irregularFirst,
                irregularFirst + 1,
                irregularFirst + 2,
                irregularFirst + 3,
                irregularFirst + 4,
                last - 1,
                last,
                last + 1));
        Random random = new Random(11);
        for (int i = 0; i < 40; i++) {
            probes.add(T0 - MS + (long) (random.nextDouble() * (last - T0 + 2 * MS)));
        }
        for (long probe : probes) {
            assertSample(
                    Optional.ofNullable(model.lowerEntry(probe)), store.lastBefore(KEY, probe), "lastBefore " + probe);
            assertSample(
                    Optional.ofNullable(model.ceilingEntry(probe)),
                    store.firstAtOrAfter(KEY, probe),
                    "firstAtOrAfter " + probe);
        }
    }

    private static void assertSample(
            Optional<java.util.Map.Entry<Long, Double>> expected, Optional<Sample> actual, String what) {
        if (expected.isEmpty()) {
            assertEquals(Optional.empty(), actual, what);
            return;
        }
        Sample sample = actual.orElseThrow(() -> new AssertionError(what + ": no sample"));
        assertEquals((long) expected.get().getKey(), sample.timeNs(), what);
        assertBits(expected.get().getValue(), sample.value(), what);
    }

    // --- deleting -----------------------------------------------------------------------------------------------

    /** Deletes {@code [from, to)} from the store and the model; checks the count it answers and what remains. */
    private void deleteAndCheck(long fromNs, long toNs) {
        long expected = 0;
        if (fromNs < toNs) {
            NavigableMap<Long, Double> range = model.subMap(fromNs, true, toNs, false);
            expected = range.size();
            range.clear();
        }
        assertEquals(expected, store.delete(KEY, fromNs, toNs), "deleted from [" + fromNs + ", " + toNs + ")");
        assertStoredAsModel();
    }

    @Test
    void delete_includes_the_start_and_excludes_the_end() {
        write(even(T0, MS, 10, t -> t));
        deleteAndCheck(T0 + 2 * MS, T0 + 5 * MS);
        assertEquals(T0 + MS, store.lastBefore(KEY, T0 + 5 * MS).orElseThrow().timeNs(), "the start was deleted");
        assertEquals(
                T0 + 5 * MS,
                store.firstAtOrAfter(KEY, T0 + 2 * MS).orElseThrow().timeNs(),
                "the end was kept");
        assertEquals(7, model.size());
    }

    @Test
    void delete_inside_one_chunk_keeps_both_ends_of_it() {
        int c = chunkSamples();
        write(even(T0, MS, 3 * c, SampleStoreContract::wave));
        long inside = T0 + c * MS + MS * Math.max(1, c / 4);
        deleteAndCheck(inside, inside + MS * Math.max(1, c / 3));
        deleteAndCheck(T0 + 2 * c * MS + 1, T0 + 2 * c * MS + 2); // between two samples: nothing
    }

    @Test
    void delete_across_chunks_keeps_the_samples_outside_the_range_at_both_edges() {
        int c = chunkSamples();
        write(even(T0, MS, 5 * c + 3, SampleStoreContract::wave));
        deleteAndCheck(T0 + (c / 2) * MS + 1, T0 + (3L * c + c / 2) * MS + 1);
        // the samples left around the hole still merge with new ones and read back in order
        write(even(T0 + (c / 2) * MS + MS / 2, MS, c, t -> -1.0));
        assertStoredAsModel();
    }

    @Test
    void delete_on_chunk_edges_and_of_whole_chunks() {
        int c = chunkSamples();
        write(even(T0, MS, 4 * c, SampleStoreContract::wave));
        deleteAndCheck(T0 + c * MS, T0 + 2L * c * MS); // exactly one chunk
        deleteAndCheck(T0 + 3L * c * MS - MS, T0 + 3L * c * MS + MS); // the last and first samples of two chunks
        deleteAndCheck(T0, T0 + 1); // the very first sample
        deleteAndCheck(model.lastKey(), Long.MAX_VALUE); // the very last sample
    }

    @Test
    void delete_of_everything_leaves_an_empty_signal_that_takes_new_samples() {
        writeThreeChunksAndABit();
        deleteAndCheck(Long.MIN_VALUE, Long.MAX_VALUE);
        assertEquals(SignalStats.EMPTY, catalog.find(KEY).orElseThrow().stats());
        assertEquals(Optional.empty(), store.firstAtOrAfter(KEY, Long.MIN_VALUE));
        write(even(T0, MS, 3, t -> 2.0));
        assertStoredAsModel();
    }

    @Test
    void empty_reversed_and_outside_ranges_delete_nothing() {
        write(even(T0, MS, 10, t -> 1.0));
        deleteAndCheck(T0 + 3 * MS, T0 + 3 * MS);
        deleteAndCheck(T0 + 5 * MS, T0 + 2 * MS);
        deleteAndCheck(Long.MIN_VALUE, T0);
        deleteAndCheck(T0 + 9 * MS + 1, Long.MAX_VALUE);
        assertEquals(10, model.size());
    }

    @Test
    void delete_of_each_sub_range_removes_exactly_the_samples_inside() {
        for (long[] r : ranges()) {
            writeThreeChunksAndABit(); // restores what the previous range deleted
            deleteAndCheck(r[0], r[1]);
        }
    }

    @Test
    void delete_of_a_range_leaves_other_signals_and_other_tenants_untouched() {
        SignalKey other = new SignalKey("ch1", "current");
        catalog.define(new SignalDefinition(other, "A", 1000.0, ""));
        store.write(other, blocks(even(T0, MS, 30, t -> 7.0)));
        Catalog acmeCatalog = stores.all().catalog("acme");
        SampleStore acme = stores.all().samples("acme");
        acmeCatalog.define(new SignalDefinition(KEY, "V", 1000.0, ""));
        acme.write(KEY, blocks(even(T0, MS, 30, t -> 8.0)));
        write(even(T0, MS, 30, t -> 9.0));

        deleteAndCheck(T0, T0 + 20 * MS);
        assertEquals(30, store.count(other, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(
                new SignalStats(30, T0, T0 + 29 * MS),
                catalog.find(other).orElseThrow().stats());
        assertEquals(30, acme.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
        assertEquals(
                new SignalStats(30, T0, T0 + 29 * MS),
                acmeCatalog.find(KEY).orElseThrow().stats());

        assertEquals(30, acme.delete(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
        assertStoredAsModel();
    }

    @Test
    void deleted_signal_defined_again_is_empty_and_takes_new_samples() {
        writeThreeChunksAndABit();
        assertTrue(catalog.delete(KEY));
        assertThrows(UnknownNamesException.class, () -> store.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
        assertThrows(UnknownNamesException.class, () -> store.delete(KEY, Long.MIN_VALUE, Long.MAX_VALUE));

        assertTrue(catalog.define(new SignalDefinition(KEY, "V", 1000.0, "")), "defined anew");
        model.clear();
        assertStoredAsModel();
        assertEquals(Optional.empty(), store.lastBefore(KEY, Long.MAX_VALUE));
        write(even(T0 + 7 * MS, MS, 5, t -> 4.0));
        assertStoredAsModel();
    }

    @Test
    void a_cursor_reading_a_signal_that_gets_deleted_fails_rather_than_ends_early() {
        // more than eight pages of chunks in every adapter, so that the deletion lands before a page is fetched
        // even in a store that fetches up to four pages ahead of the one being read (the JDBC one: 32 chunks each)
        int n = 260 * chunkSamples() + 5;
        write(even(T0, MS, n, t -> 1.0));
        try (var cursor = store.read(KEY, Long.MIN_VALUE, Long.MAX_VALUE)) {
            long seen = cursor.next().size();
            assertTrue(catalog.delete(KEY));
            catalog.define(new SignalDefinition(KEY, "V", 1000.0, ""));
            store.write(KEY, blocks(even(T0 - MS, MS, n + 10, t -> 2.0)));
            UnknownNamesException e = assertThrows(UnknownNamesException.class, () -> {
                for (SampleBlock block = cursor.next(); block != null; block = cursor.next()) {
                    for (double v : block.values()) {
                        assertEquals(1.0, v, "a sample of the signal defined again");
                    }
                }
            });
            assertEquals(List.of(KEY.path()), e.names());
            assertTrue(seen < n);
        }
    }

    // --- names ------------------------------------------------------------------------------------------------

    @Test
    void unknown_signal_is_reported_by_every_operation() {
        SignalKey unknown = new SignalKey("ch1", "nope");
        List<Executable> calls = List.of(
                () -> store.write(unknown, blocks(even(T0, MS, 3, t -> 1.0))),
                () -> store.read(unknown, T0, T0 + MS).close(),
                () -> store.count(unknown, T0, T0 + MS),
                () -> store.delete(unknown, T0, T0 + MS),
                () -> store.lastBefore(unknown, T0),
                () -> store.firstAtOrAfter(unknown, T0));
        for (Executable call : calls) {
            UnknownNamesException e = assertThrows(UnknownNamesException.class, call);
            assertEquals(List.of("ch1/nope"), e.names());
        }
        assertTrue(catalog.find(unknown).isEmpty());
    }

    @Test
    void signals_are_independent() {
        SignalKey other = new SignalKey("ch1", "current");
        SignalKey otherChannel = new SignalKey("ch2", "voltage");
        catalog.define(new SignalDefinition(other, "A", 1000.0, ""));
        catalog.define(new SignalDefinition(otherChannel, "V", null, ""));
        store.write(other, blocks(even(T0, MS, 20, t -> 7.0)));
        write(even(T0 + MS / 2, MS, 20, t -> 1.0));
        store.write(otherChannel, blocks(even(T0, 1, 5, t -> 9.0)));

        assertStoredAsModel();
        assertEquals(20, readAll(store, other).size());
        assertEquals(5, store.count(otherChannel, T0, T0 + 5));
        assertEquals(
                new SignalStats(20, T0, T0 + 19 * MS),
                catalog.find(other).orElseThrow().stats());
    }

    @Test
    void a_cursor_closed_early_does_not_disturb_the_store() {
        write(even(T0, MS, 3 * chunkSamples(), SampleStoreContract::wave));
        for (int i = 0; i < 20; i++) {
            try (var cursor = store.read(KEY, T0, Long.MAX_VALUE)) {
                Stored.assertNonEmpty(cursor.next());
            }
        }
        write(even(T0 + MS / 2, MS, 10, t -> 1.0));
        assertStoredAsModel();
    }
}
