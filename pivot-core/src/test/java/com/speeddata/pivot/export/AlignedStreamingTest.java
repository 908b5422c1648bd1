package com.speeddata.pivot.export;

import static com.speeddata.pivot.export.Fixtures.MS;
import static com.speeddata.pivot.export.Fixtures.aligned;
import static com.speeddata.pivot.export.Fixtures.column;
import static com.speeddata.pivot.export.Fixtures.define;
import static com.speeddata.pivot.export.Fixtures.readAll;
import static com.speeddata.pivot.export.Fixtures.write;
import static com.speeddata.pivot.export.Fixtures.writeRegular;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.testing.InMemoryStore;
import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

class AlignedStreamingTest {
    private static final String SIGNAL = "ch1/voltage";

    /** Bytes allocated on this thread so far (HotSpot's per-thread counter). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    @Test
    void hundred_million_empty_cells_stream_in_bounded_memory_with_one_lookup_each_side() {
        InMemoryStore memory = new InMemoryStore();
        define(memory, SIGNAL, null);
        long rows = 100_000_000L;
        write(memory, SIGNAL, new long[] {-rows, 2 * rows}, new double[] {0, 3 * rows});
        CountingStore store = new CountingStore(memory);
        ExportPlan plan = aligned(0, rows, 1, column(memory, SIGNAL, Fill.LINEAR, Aggregate.MEAN));
        double[] buffer = new double[65_536];
        long read = 0;
        long allocatedBefore;
        long allocatedAfter;
        try (DoubleBlockSource source =
                new StoreExportSource(plan, store).alignedColumn(plan.columns().get(0))) {
            source.read(buffer); // warm: the lookups allocate their Optionals once
            read += buffer.length;
            allocatedBefore = allocatedBytes();
            int n;
            while ((n = source.read(buffer)) > 0) {
                // value at t = read is v = t + rows (linear from (-rows, 0) to (2 rows, 3 rows))
                assertEquals(read + rows, buffer[0], 1e-6);
                assertEquals(read + n - 1 + rows, buffer[n - 1], 1e-6);
                read += n;
            }
            allocatedAfter = allocatedBytes();
        }
        assertEquals(rows, read);
        assertTrue(
                allocatedAfter - allocatedBefore < 64 * 1024,
                "streaming allocated " + (allocatedAfter - allocatedBefore) + " bytes");
        assertEquals(1, store.lastBeforeCalls);
        assertEquals(1, store.firstAtOrAfterCalls);
        assertEquals(0, store.openCursors);
    }

    @Test
    void gap_of_a_trillion_cells_yields_its_first_block_without_buffering_the_gap() {
        InMemoryStore memory = new InMemoryStore();
        define(memory, SIGNAL, null);
        long rows = 1L << 40;
        write(memory, SIGNAL, new long[] {0, rows - 1}, new double[] {1, 2});
        ExportPlan plan = aligned(0, rows, 1, column(memory, SIGNAL, Fill.PREVIOUS, Aggregate.MEAN));
        double[] buffer = new double[1024];
        try (DoubleBlockSource source =
                new StoreExportSource(plan, memory).alignedColumn(plan.columns().get(0))) {
            source.read(buffer);
            long before = allocatedBytes();
            assertEquals(1024, source.read(buffer));
            assertTrue(allocatedBytes() - before < 1024);
        }
        for (double v : buffer) {
            assertEquals(1, v);
        }
    }

    @Test
    void read_returns_at_most_the_buffer_and_zero_at_the_end_for_any_buffer_and_block_size() {
        for (int blockSize : new int[] {1, 2, 3, 7, 1000}) {
            InMemoryStore store = new InMemoryStore(blockSize);
            define(store, SIGNAL, 1000.0);
            double[] values = new double[50];
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 1.5;
            }
            writeRegular(store, SIGNAL, 0, MS, values);
            ExportPlan plan = aligned(0, 50 * MS, MS, column(store, SIGNAL, Fill.LINEAR, Aggregate.MEAN));
            for (int bufferSize : new int[] {1, 2, 3, 13, 49, 50, 51, 4096}) {
                try (DoubleBlockSource source = new StoreExportSource(plan, store)
                        .alignedColumn(plan.columns().get(0))) {
                    assertArrayEquals(values, readAll(source, 50, bufferSize), blockSize + "/" + bufferSize);
                }
            }
        }
    }

    @Test
    void close_releases_the_store_cursor_and_later_reads_fail() {
        InMemoryStore memory = new InMemoryStore(2);
        define(memory, SIGNAL, 1000.0);
        writeRegular(memory, SIGNAL, 0, MS, 1, 2, 3, 4, 5, 6);
        CountingStore store = new CountingStore(memory);
        ExportPlan plan = aligned(0, 6 * MS, MS, column(memory, SIGNAL, Fill.LINEAR, Aggregate.MEAN));
        DoubleBlockSource source =
                new StoreExportSource(plan, store).alignedColumn(plan.columns().get(0));
        assertEquals(0, store.reads, "nothing is read before the first read");
        source.read(new double[2]);
        assertEquals(1, store.openCursors);
        source.close();
        assertEquals(0, store.openCursors);
        assertThrows(IllegalStateException.class, () -> source.read(new double[2]));
    }

    @Test
    void neighbours_outside_the_range_are_asked_only_when_a_fill_needs_them() {
        InMemoryStore memory = new InMemoryStore();
        define(memory, SIGNAL, 1000.0);
        writeRegular(memory, SIGNAL, -MS, MS, 0, 1, 2, 3, 4, 5);
        CountingStore store = new CountingStore(memory);

        // Every cell has samples: no lookup at all.
        exportAll(store, aligned(0, 4 * MS, MS, column(memory, SIGNAL, Fill.LINEAR, Aggregate.MEAN)));
        assertEquals(0, store.lastBeforeCalls + store.firstAtOrAfterCalls);

        // Empty cells after the last sample with previous fill: the previous sample is in range; the next one,
        // after the end, is asked once (max_gap: is the gap to it bridgeable?).
        exportAll(store, aligned(0, 10 * MS, MS, column(memory, SIGNAL, Fill.PREVIOUS, Aggregate.MEAN)));
        assertEquals(0, store.lastBeforeCalls);
        assertEquals(1, store.firstAtOrAfterCalls);
        store.firstAtOrAfterCalls = 0;

        // Empty cells at both ends with fill none: nothing asked.
        exportAll(store, aligned(-5 * MS, 10 * MS, MS, column(memory, SIGNAL, Fill.NONE, Aggregate.MEAN)));
        assertEquals(0, store.lastBeforeCalls + store.firstAtOrAfterCalls);

        // Empty leading cell with linear fill, last cell holding a sample: only lastBefore(start).
        exportAll(store, aligned(-MS / 2, 2 * MS + 1, MS / 4, column(memory, SIGNAL, Fill.LINEAR, Aggregate.MEAN)));
        assertEquals(1, store.lastBeforeCalls);
        assertEquals(0, store.firstAtOrAfterCalls);

        // Empty trailing cells with linear fill: firstAtOrAfter(end) once.
        exportAll(store, aligned(0, 10 * MS, MS, column(memory, SIGNAL, Fill.LINEAR, Aggregate.MEAN)));
        assertEquals(1, store.firstAtOrAfterCalls);
        assertEquals(0, store.openCursors);
    }

    private static void exportAll(CountingStore store, ExportPlan plan) {
        try (DoubleBlockSource source =
                new StoreExportSource(plan, store).alignedColumn(plan.columns().get(0))) {
            readAll(source, plan.gridRows(), 3);
        }
    }

    @Test
    void huge_interval_at_the_end_of_time_does_not_overflow() {
        InMemoryStore store = new InMemoryStore();
        define(store, SIGNAL, null);
        long start = Long.MAX_VALUE - (3L << 60);
        write(store, SIGNAL, new long[] {start, Long.MAX_VALUE - 1}, new double[] {1, 2});
        ExportPlan plan = aligned(start, Long.MAX_VALUE, 1L << 61, column(store, SIGNAL, Fill.NEAREST, Aggregate.LAST));
        assertEquals(2, plan.gridRows());
        assertArrayEquals(new double[] {1, 2}, Fixtures.export(store, plan));
    }
}
