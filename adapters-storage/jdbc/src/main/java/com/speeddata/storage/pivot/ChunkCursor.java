package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.storage.Jdbc;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import javax.sql.DataSource;

/**
 * Reads a signal's samples in {@code [from, to)} one chunk per block, fetching a page of chunks at a time: memory
 * stays at two pages (the one read and the next) whatever the range, plus at most {@code EXTRA_PAGES_MAX} pages
 * fetched further ahead by all cursors of the process together.
 *
 * <p>Each page borrows a pooled connection only while it is fetched, so an export that reads many columns side by
 * side, or a cursor that is never closed, holds no connection. The pages are keyed by time, not by chunk: each one
 * starts at the chunk holding the first time not yet returned. So a write that re-chunks samples between two pages
 * can neither hide a sample stored before the read began nor make the cursor repeat or go back in time; the read
 * is not one snapshot, though: it sees each page as committed when that page is fetched. A signal deleted while
 * it reads ends it with {@link com.speeddata.pivot.UnknownNamesException} at a later page.
 *
 * <p>While the caller decodes a page, the next ones are already being fetched on another thread, so that the
 * database sends chunks while this side turns the previous ones into cells: on PostgreSQL the two used to take turns.
 */
final class ChunkCursor implements SampleCursor {
    /** Chunks per page: at most 4 MB with explicit times, 2 MB when evenly spaced, at 8192 samples per chunk. */
    static final int PAGE_CHUNKS = 32;
    /**
     * Threads that fetch pages ahead for every cursor of the process (and as many pooled connections in use at
     * once); a cursor keeps to one of them ({@link FetchLanes}). On PostgreSQL fewer sessions cost less: on 2 cores
     * a CSV export, which reads all its columns side by side, cost PostgreSQL 16–45 % less CPU with one or two lanes
     * than with four threads shared by all cursors, and took no longer (docs/benchmarks.md). But one lane hands over
     * only so much (a plain read of PostgreSQL ran at about 400 MB/s there), so the lanes grow with the cores: one
     * per two, two at least (two HDF5 exports at once, which read a column at a time, each get a lane of their
     * own), four at most. Only 2 cores have been measured. A fetch never waits on a caller, so a lane cannot
     * deadlock.
     */
    static final int FETCH_LANES = Math.min(4, Math.max(2, Runtime.getRuntime().availableProcessors() / 2));
    /**
     * Pages fetched ahead of the one being read, one after another. With one, PostgreSQL sat idle from the end of
     * each page until this side had taken it and asked for the next; with four, a sync export from PostgreSQL took
     * 11 % less time (docs/benchmarks.md). Embedded, where a fetch is this process's own work, it made no difference.
     * Every cursor gets its first page ahead; the others come out of {@link #EXTRA_PAGES}.
     */
    static final int PAGES_AHEAD = 4;
    /**
     * Pages ahead beyond the first that all cursors of the process may hold at once (at most 4 MB each): an export
     * that reads many columns side by side (CSV) holds two pages per column, one that reads them in turn (HDF5)
     * gets the extra ones. A cursor that is never closed keeps its share, so others fall back to one page ahead.
     */
    static final int EXTRA_PAGES_MAX = 12;

    static final Semaphore EXTRA_PAGES = new Semaphore(EXTRA_PAGES_MAX);

    private static final FetchLanes LANES = new FetchLanes(FETCH_LANES);

    private final DataSource dataSource;
    private final SignalKey key;
    private final long signalId;
    private final long toNs;
    /**
     * Where this cursor's pages ahead are fetched, one after another, over the connection the lane used last (unless
     * another thread holds it), so the lane's cursors share one database session ({@link #FETCH_LANES}). Held until
     * {@link #close()}: a cursor never closed skews how lanes are shared out, nothing more.
     */
    private final FetchLanes.Lane lane = LANES.take();

    private List<EncodedChunk> page;
    private int index;
    /**
     * The pages after this one, fetched or being fetched, in order; the last of them may be the end. The cursor holds
     * a permit of {@link #EXTRA_PAGES} for each beyond the first. A page dropped while it is fetched gives its permit
     * back before the fetch ends, so for a moment the budget may be one page over.
     */
    private final ArrayDeque<CompletableFuture<Fetched>> ahead = new ArrayDeque<>(PAGES_AHEAD);

    private volatile boolean closed;
    /** Every time before this one has been returned or skipped. */
    private long nextNs;

    private ChunkCursor(DataSource dataSource, SignalKey key, long signalId, long fromNs, long toNs) {
        this.dataSource = dataSource;
        this.key = key;
        this.signalId = signalId;
        this.nextNs = fromNs;
        this.toNs = toNs;
    }

    /** Looks the signal up and fetches the first page on one connection (given back before the next is asked). */
    static ChunkCursor open(DataSource dataSource, String owner, SignalKey key, long fromNs, long toNs) {
        FirstPage first = Jdbc.withConnection(dataSource, "reading " + key, c -> {
            long signalId = SignalTable.requireId(c, owner, key);
            return new FirstPage(
                    signalId,
                    fromNs < toNs ? ChunkTable.overlapping(c, signalId, fromNs, toNs, PAGE_CHUNKS) : List.of());
        });
        ChunkCursor cursor = new ChunkCursor(dataSource, key, first.signalId(), fromNs, toNs);
        cursor.take(cursor.fetched(first.chunks()));
        return cursor;
    }

    private record FirstPage(long signalId, List<EncodedChunk> chunks) {}

    /** A page, and whether another may follow it. */
    private record Fetched(List<EncodedChunk> chunks, boolean last) {}

    private Fetched fetched(List<EncodedChunk> chunks) {
        return new Fetched(
                chunks,
                chunks.size() < PAGE_CHUNKS || chunks.get(chunks.size() - 1).lastNs() >= toNs - 1);
    }

    /**
     * Makes {@code fetched} the current page and keeps up to {@link #PAGES_AHEAD} pages after it on their way: the
     * first always, the others while {@link #EXTRA_PAGES} has room.
     */
    private void take(Fetched fetched) {
        page = fetched.chunks();
        index = 0;
        if (fetched.last()) {
            dropPagesAhead();
            return;
        }
        CompletableFuture<Fetched> tail = ahead.peekLast();
        if (tail == null) {
            tail = CompletableFuture.completedFuture(fetched);
        }
        while (ahead.size() < PAGES_AHEAD) {
            if (!ahead.isEmpty()) {
                if (!EXTRA_PAGES.tryAcquire()) {
                    break;
                }
            }
            // Each fetch starts once the page before it has arrived, where that page ends; no sooner, so that a
            // page never overlaps the one before it.
            tail = tail.thenApplyAsync(this::after, lane);
            ahead.add(tail);
        }
    }

    /** The next page ahead, out of {@link #ahead} with its permit handed back; null when there is none. */
    private CompletableFuture<Fetched> pollPageAhead() {
        CompletableFuture<Fetched> next = ahead.poll();
        if (!ahead.isEmpty()) {
            EXTRA_PAGES.release();
        }
        return next;
    }

    private void dropPagesAhead() {
        EXTRA_PAGES.release(Math.max(ahead.size() - 1, 0));
        ahead.clear();
    }

    /** The page after {@code previous}, or the end when there is none (or the cursor is closed). */
    private Fetched after(Fetched previous) {
        if (previous.last() || closed) {
            return new Fetched(List.of(), true);
        }
        List<EncodedChunk> chunks = previous.chunks();
        return fetched(fetch(chunks.get(chunks.size() - 1).lastNs() + 1));
    }

    @Override
    public SampleBlock next() {
        while (page != null) {
            while (index < page.size()) {
                SampleBlock block = trim(page.get(index++));
                if (block != null) {
                    return block;
                }
            }
            fetchNextPage();
        }
        return null;
    }

    private void fetchNextPage() {
        CompletableFuture<Fetched> next = pollPageAhead();
        if (next == null) {
            page = null;
            return;
        }
        nextNs = Math.max(nextNs, page.get(page.size() - 1).lastNs() + 1);
        try {
            take(next.join());
        } catch (CompletionException e) {
            // Every later call fails the same way, rather than ending as if the signal ended here.
            dropPagesAhead();
            ahead.add(next);
            // As the fetch threw it: callers tell failures apart by type (database gone, signal deleted).
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** The page starting at the chunk that holds {@code fromNs}, on a briefly borrowed connection. */
    private List<EncodedChunk> fetch(long fromNs) {
        return Jdbc.withConnection(dataSource, "reading " + key, c -> {
            List<EncodedChunk> chunks = ChunkTable.overlapping(c, signalId, fromNs, toNs, PAGE_CHUNKS);
            if (chunks.isEmpty()) {
                // The end of the signal, or its deletion, which must not pass for the end (an export would
                // deliver a truncated column as if it were whole).
                SignalTable.requireStillDefined(c, signalId, key);
            }
            return chunks;
        });
    }

    /** The chunk's samples in {@code [nextNs, toNs)}, or null when it has none. */
    private SampleBlock trim(EncodedChunk chunk) {
        if (chunk.lastNs() < nextNs || chunk.firstNs() >= toNs) {
            return null;
        }
        SampleBlock block = chunk.isEvenlySpaced() ? trimEvenlySpaced(chunk) : trimListed(chunk);
        if (block != null) {
            nextNs = block.lastTime() + 1;
        }
        return block;
    }

    /**
     * Finds the bounds by arithmetic and hands over the stored bytes of their values: neither the times nor (unless
     * a reader asks for the array) the values are written out.
     */
    private SampleBlock trimEvenlySpaced(EncodedChunk chunk) {
        long first = chunk.firstNs();
        long step = chunk.stepNs();
        int n = chunk.n();
        int from = step == 0 ? 0 : indexAtOrAfter(first, chunk.lastNs(), step, n, nextNs);
        int to = step == 0 ? 1 : indexAtOrAfter(first, chunk.lastNs(), step, n, toNs);
        if (from >= to) {
            return null;
        }
        return SampleBlock.evenlySpacedLittleEndian(first + from * step, step, chunk.values(), from, to);
    }

    /** The first index whose time {@code first + i * step} is at or after {@code t}, within {@code [0, n]}. */
    private static int indexAtOrAfter(long first, long last, long step, int n, long t) {
        if (t <= first) {
            return 0;
        }
        if (t > last) {
            return n;
        }
        // first < t <= last: t - first is exact as an unsigned number, even where the chunk spans more than a long
        long i = Long.divideUnsigned(t - first, step);
        return (int) (first + i * step != t ? i + 1 : i);
    }

    private SampleBlock trimListed(EncodedChunk chunk) {
        long[] times = ChunkCodec.decodeTimes(chunk);
        int from = Times.lowerBound(times, 0, times.length, nextNs);
        int to = Times.lowerBound(times, from, times.length, toNs);
        if (from == to) {
            return null;
        }
        double[] values = ChunkCodec.decodeValues(chunk);
        return from == 0 && to == times.length
                ? new SampleBlock(times, values)
                : new SampleBlock(Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(values, from, to));
    }

    @Override
    public void close() {
        if (!closed) {
            lane.release();
        }
        page = null;
        closed = true; // a fetch under way ends on its own and its page is dropped; none starts after it
        dropPagesAhead();
    }
}
