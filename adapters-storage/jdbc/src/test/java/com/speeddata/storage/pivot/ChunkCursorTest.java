package com.speeddata.storage.pivot;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.storage.TestDatabase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How far a cursor reads ahead of its caller: the bound that keeps its memory fixed whatever the range. */
class ChunkCursorTest {
    private static final SignalKey KEY = new SignalKey("ch1", "voltage");
    private static final int CHUNK = 4;
    private static final int PAGES = ChunkCursor.PAGES_AHEAD + 6;
    private static final long MS = 1_000_000L;

    private TestDatabase db;
    /** Each connection taken: by whom, and the database session it was, in order. */
    private final List<Taken> taken = new CopyOnWriteArrayList<>();

    private DataSource counted;

    @BeforeEach
    void signalOfManyPages() {
        db = TestDatabase.h2();
        new JdbcCatalog(db.dataSource(), "local").define(new SignalDefinition(KEY, "V", 1000.0, ""));
        int n = PAGES * ChunkCursor.PAGE_CHUNKS * CHUNK;
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            times[i] = i * MS;
            values[i] = i;
        }
        new JdbcSampleStore(db.dataSource(), "local", CHUNK)
                .write(KEY, List.of(new SampleBlock(times, values)).iterator());
        DataSource pool = db.dataSource();
        counted = (DataSource) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(pool, args);
                        if (method.getName().equals("getConnection")) {
                            taken.add(new Taken(Thread.currentThread(), sessionOf((Connection) result)));
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void fetches_at_most_its_pages_ahead_of_a_reader_that_has_stopped_and_every_sample_once_in_order()
            throws InterruptedException {
        try (SampleCursor cursor = new JdbcSampleStore(counted, "local", CHUNK).read(KEY, 0, Long.MAX_VALUE)) {
            long expected = 0;
            for (int i = 0; i < 3; i++) { // a few chunks of the first page
                SampleBlock block = cursor.next();
                for (int k = 0; k < block.size(); k++) {
                    assertEquals(expected++, (long) block.values()[k]);
                }
            }
            // one connection opened the cursor with its first page; then one per page fetched ahead, and no more
            // however long the reader waits
            assertEquals(1 + ChunkCursor.PAGES_AHEAD, countOnceAtLeast(1 + ChunkCursor.PAGES_AHEAD));
            for (SampleBlock block = cursor.next(); block != null; block = cursor.next()) {
                for (int k = 0; k < block.size(); k++) {
                    assertEquals(expected++, (long) block.values()[k]);
                }
            }
            assertEquals((long) PAGES * ChunkCursor.PAGE_CHUNKS * CHUNK, expected);
            // every page once, plus the empty page that shows the signal ends there
            assertEquals(PAGES + 1, countOnceAtLeast(PAGES + 1));
        }
    }

    @Test
    void fetches_its_pages_ahead_on_one_thread_over_one_database_session() throws InterruptedException {
        try (SampleCursor cursor = new JdbcSampleStore(counted, "local", CHUNK).read(KEY, 0, Long.MAX_VALUE)) {
            while (cursor.next() != null) {
                // every page
            }
        }
        assertEquals(PAGES + 1, countOnceAtLeast(PAGES + 1), "every page once, plus the empty page at the end");
        Taken opening = taken.get(0);
        List<Taken> ahead = taken.subList(1, taken.size());
        assertEquals(
                Set.of(ahead.get(0).thread()), ahead.stream().map(Taken::thread).collect(toSet()));
        assertNotEquals(opening.thread(), ahead.get(0).thread(), "fetched ahead of the caller, not by it");
        // while nothing else takes connections, the pool hands the lane's thread back the one it used last
        assertEquals(
                Set.of(ahead.get(0).session()),
                ahead.stream().map(Taken::session).collect(toSet()));
    }

    private record Taken(Thread thread, int session) {}

    private static int sessionOf(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT SESSION_ID()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void pages_ahead_beyond_the_first_come_out_of_a_budget_shared_by_all_cursors_and_go_back_on_close()
            throws InterruptedException {
        int free = ChunkCursor.EXTRA_PAGES.availablePermits();
        ChunkCursor.EXTRA_PAGES.acquire(free); // as if other cursors held the whole budget
        try (SampleCursor cursor = new JdbcSampleStore(counted, "local", CHUNK).read(KEY, 0, Long.MAX_VALUE)) {
            cursor.next();
            assertEquals(2, countOnceAtLeast(2), "the first page and one ahead, no more");
        } finally {
            ChunkCursor.EXTRA_PAGES.release(free);
        }
        taken.clear();
        try (SampleCursor cursor = new JdbcSampleStore(counted, "local", CHUNK).read(KEY, 0, Long.MAX_VALUE)) {
            for (int i = 0; i < 3 * ChunkCursor.PAGE_CHUNKS; i++) { // well into the fourth page
                cursor.next();
            }
            assertEquals(free - (ChunkCursor.PAGES_AHEAD - 1), ChunkCursor.EXTRA_PAGES.availablePermits());
        }
        assertEquals(free, ChunkCursor.EXTRA_PAGES.availablePermits(), "every permit back once closed");
        settledCount();
        assertEquals(free, ChunkCursor.EXTRA_PAGES.availablePermits(), "and none taken by a fetch ending late");
    }

    @Test
    void a_page_that_failed_fails_every_later_call_rather_than_ending_the_signal() {
        int free = ChunkCursor.EXTRA_PAGES.availablePermits();
        try (SampleCursor cursor = new JdbcSampleStore(db.dataSource(), "local", CHUNK).read(KEY, 0, Long.MAX_VALUE)) {
            cursor.next();
            new JdbcCatalog(db.dataSource(), "local").delete(KEY);
            assertThrows(UnknownNamesException.class, () -> {
                while (cursor.next() != null) {
                    // the pages fetched before the deletion, then the one that finds it
                }
            });
            for (int i = 0; i <= ChunkCursor.PAGES_AHEAD; i++) { // more often than there were pages ahead to fail
                assertThrows(UnknownNamesException.class, cursor::next);
            }
            assertEquals(free, ChunkCursor.EXTRA_PAGES.availablePermits(), "the failed pages' permits back");
        }
        assertEquals(free, ChunkCursor.EXTRA_PAGES.availablePermits(), "and none lost on close");
    }

    /**
     * The connections taken, once at least {@code expected} have been (or 10 s have passed) and then a while longer:
     * a loaded machine may be slow to take them, and any taken beyond {@code expected} show in the count.
     */
    private int countOnceAtLeast(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (taken.size() < expected && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return settledCount();
    }

    /** The connections taken, once no more have been taken for a while. */
    private int settledCount() throws InterruptedException {
        int seen = -1;
        while (seen != taken.size()) {
            seen = taken.size();
            Thread.sleep(200);
        }
        return seen;
    }
}
