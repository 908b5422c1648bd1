package com.speeddata.storage.pivot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.storage.OnEachDatabase;
import com.speeddata.storage.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the SQL adapters promise beyond the port: how chunks are laid out in the table, on H2 and PostgreSQL.
 */
@OnEachDatabase
class ChunkLayoutTest {
    private static final SignalKey KEY = new SignalKey("ch1", "voltage");
    private static final int C = JdbcSampleStore.CHUNK_SAMPLES;

    private JdbcSampleStore store;
    private JdbcCatalog catalog;

    private final TestDatabase db;

    ChunkLayoutTest(TestDatabase db) {
        this.db = db;
    }

    @BeforeEach
    void fresh() {
        db.clear();
        store = new JdbcSampleStore(db.dataSource(), "local");
        catalog = new JdbcCatalog(db.dataSource(), "local");
        catalog.define(new SignalDefinition(KEY, "V", 1000.0, ""));
    }

    private record Row(long first, long last, int n, Long step, int timeBytes, int valueBytes) {}

    private List<Row> rows() {
        try (Connection c = db.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT first_ns, last_ns, n, step_ns,"
                        + " OCTET_LENGTH(times), OCTET_LENGTH(vals) FROM sample_chunk ORDER BY first_ns")) {
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long step = rs.getLong(4);
                    Long stepNs = rs.wasNull() ? null : step;
                    rows.add(new Row(rs.getLong(1), rs.getLong(2), rs.getInt(3), stepNs, rs.getInt(5), rs.getInt(6)));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** Chunks in order, never overlapping, sizes matching their bytes, none over the chunk size. */
    private List<Row> assertWellFormed() {
        List<Row> rows = rows();
        long total = 0;
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            assertTrue(row.n() > 0 && row.n() <= C, row.toString());
            assertEquals(row.n() * 8, row.valueBytes(), row.toString());
            assertEquals(row.step() == null ? row.n() * 8 : 0, row.timeBytes(), row.toString());
            if (i > 0) {
                assertTrue(rows.get(i - 1).last() < row.first(), "overlap: " + rows.get(i - 1) + " then " + row);
            }
            total += row.n();
        }
        assertEquals(total, catalog.find(KEY).orElseThrow().stats().samples());
        return rows;
    }

    private static SampleBlock even(long start, long step, int n) {
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = start + i * step;
            values[i] = i;
        }
        return new SampleBlock(times, values);
    }

    @Test
    void small_appends_fill_the_last_chunk_instead_of_adding_small_ones() {
        int appends = 3 * C / 100 + 5;
        for (int w = 0; w < appends; w++) {
            store.write(KEY, List.of(even(w * 100L * 1000, 1000, 100)).iterator());
        }
        List<Row> rows = assertWellFormed();
        assertEquals((appends * 100 + C - 1) / C, rows.size(), "chunk count");
        assertEquals(C, rows.get(0).n());
    }

    @Test
    void many_small_blocks_in_one_write_become_full_chunks() {
        List<SampleBlock> blocks = new ArrayList<>();
        for (int b = 0; b < 1000; b++) {
            blocks.add(even(b * 50L, 1, 50));
        }
        store.write(KEY, blocks.iterator());
        List<Row> rows = assertWellFormed();
        assertEquals((50_000 + C - 1) / C, rows.size());
    }

    @Test
    void evenly_spaced_chunks_store_no_times_and_irregular_ones_do() {
        store.write(KEY, List.of(even(0, 1_000_000, C)).iterator());
        store.write(
                KEY,
                List.of(new SampleBlock(new long[] {1L << 40, (1L << 40) + 3, (1L << 40) + 4}, new double[] {1, 2, 3}))
                        .iterator());
        List<Row> rows = assertWellFormed();
        assertEquals(2, rows.size());
        assertEquals(1_000_000L, rows.get(0).step());
        assertEquals(0, rows.get(0).timeBytes());
        assertNull(rows.get(1).step());
        assertEquals(24, rows.get(1).timeBytes());
    }

    @Test
    void overwrites_and_out_of_order_writes_keep_chunks_apart() {
        store.write(KEY, List.of(even(0, 10, 3 * C)).iterator());
        store.write(
                KEY,
                List.of(even(5, 10, C), even(-1000, 1, 500), even(10 * C, 3, 2 * C))
                        .iterator());
        store.write(KEY, List.of(even(C * 10L + 1, 10, 7)).iterator());
        assertWellFormed();
    }

    @Test
    void a_block_going_back_in_time_is_refused_and_nothing_is_stored() {
        store.write(KEY, List.of(even(0, 10, 10)).iterator());
        SampleBlock unsorted = new SampleBlock(new long[] {100, 300, 200}, new double[] {1, 2, 3});
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> store.write(KEY, List.of(even(1000, 1, 5), unsorted).iterator()));
        assertTrue(e.getMessage().contains("200 follows 300"), e.getMessage());
        assertEquals(new SignalStats(10, 0, 90), catalog.find(KEY).orElseThrow().stats());
        assertEquals(10, store.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void concurrent_writers_of_one_signal_take_turns() throws Exception {
        int writers = 4;
        int writes = 15;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                long offset = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < writes; i++) {
                        // interleaved times: every writer's block overlaps the others' in time
                        store.write(
                                KEY,
                                List.of(even(offset + i * 1000L * writers, writers, 1000))
                                        .iterator());
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertWellFormed();
        // the writers' blocks overlap in time but never share a timestamp
        assertEquals((long) writers * writes * 1000, store.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Test
    void a_range_delete_cuts_only_the_chunks_at_its_edges() {
        store.write(KEY, List.of(even(0, 10, 4 * C)).iterator());
        assertEquals(2L * C, store.delete(KEY, 10L * (C / 2), 10L * (2 * C + C / 2)));
        List<Row> rows = assertWellFormed();
        assertEquals(List.of(C / 2, C / 2, C), rows.stream().map(Row::n).toList(), "two cut edges, one chunk kept");
        assertEquals(
                List.of(0L, 10L * (2 * C + C / 2), 10L * 3 * C),
                rows.stream().map(Row::first).toList());
        assertTrue(rows.stream().allMatch(r -> r.step() != null && r.step() == 10), "the cut pieces stay even");
    }

    @Test
    void a_range_delete_inside_one_chunk_leaves_its_two_ends_as_chunks() {
        store.write(KEY, List.of(even(0, 10, C)).iterator());
        assertEquals(10, store.delete(KEY, 1000, 1100));
        List<Row> rows = assertWellFormed();
        assertEquals(List.of(100, C - 110), rows.stream().map(Row::n).toList());
    }

    @Test
    void a_deleted_signal_leaves_no_chunk_behind() {
        store.write(KEY, List.of(even(0, 10, 3 * C)).iterator());
        assertTrue(catalog.delete(KEY));
        assertEquals(List.of(), rows(), "no foreign key cascades on H2: the adapter deletes the chunks itself");
    }

    @Test
    void concurrent_writes_and_range_deletes_of_one_signal_take_turns() throws Exception {
        store.write(KEY, List.of(even(0, 1, 20 * C)).iterator());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.write(KEY, List.of(even(i * (long) C + 1, 2, C / 4)).iterator());
                }
            });
            Future<?> deleter = pool.submit(() -> {
                for (int i = 0; i < 20; i++) {
                    store.delete(KEY, i * (long) C + C / 8, i * (long) C + C / 2);
                }
            });
            writer.get();
            deleter.get();
        } finally {
            pool.shutdownNow();
        }
        assertWellFormed();
        assertEquals(
                store.count(KEY, Long.MIN_VALUE, Long.MAX_VALUE),
                catalog.find(KEY).orElseThrow().stats().samples());
    }
}
