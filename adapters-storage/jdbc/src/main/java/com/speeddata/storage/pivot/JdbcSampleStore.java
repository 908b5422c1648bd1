package com.speeddata.storage.pivot;

import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.sample.Sample;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import com.speeddata.storage.Jdbc;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * One tenant's samples in the {@code sample_chunk} table, many per row, on H2 or PostgreSQL alike. See {@code V1}
 * for the layout and {@link ChunkCodec} for the bytes. Bound to its owner at construction: every signal it names is
 * looked up among that owner's signals only.
 */
public final class JdbcSampleStore implements SampleStore {
    /** Samples per chunk: 64 KB of values, so a row is read in one go and a range needs few rows. */
    public static final int CHUNK_SAMPLES = 8192;
    /** Chunks' worth of consecutive blocks a write gathers before merging them (8 MB at 8192 per chunk). */
    static final int RUN_CHUNKS = 64;

    private final DataSource dataSource;
    private final String owner;
    private final int chunkSamples;

    public JdbcSampleStore(DataSource dataSource, String owner) {
        this(dataSource, owner, CHUNK_SAMPLES);
    }

    /** With another chunk size: for tests that want many chunk edges from few samples. */
    JdbcSampleStore(DataSource dataSource, String owner, int chunkSamples) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.owner = Objects.requireNonNull(owner, "owner");
        if (chunkSamples < 1) {
            throw new IllegalArgumentException("chunkSamples must be positive, not " + chunkSamples);
        }
        this.chunkSamples = chunkSamples;
    }

    @Override
    public long write(SignalKey key, Iterator<SampleBlock> blocks) {
        Objects.requireNonNull(blocks, "blocks");
        return Jdbc.inTransaction(dataSource, "writing samples of " + key, c -> new SampleWrite(
                        c, owner, key, chunkSamples, RUN_CHUNKS * chunkSamples)
                .apply(blocks));
    }

    @Override
    public long delete(SignalKey key, long fromNs, long toNs) {
        return Jdbc.inTransaction(
                dataSource, "deleting samples of " + key, c -> new RangeDelete(c, SignalTable.lock(c, owner, key))
                        .apply(fromNs, toNs));
    }

    @Override
    public SampleCursor read(SignalKey key, long fromNs, long toNs) {
        return ChunkCursor.open(dataSource, owner, key, fromNs, toNs);
    }

    @Override
    public long count(SignalKey key, long fromNs, long toNs) {
        return Jdbc.withConnection(dataSource, "counting samples of " + key, c -> {
            long id = SignalTable.requireId(c, owner, key);
            if (fromNs >= toNs) {
                return 0L;
            }
            long count = ChunkTable.interiorCount(c, id, fromNs, toNs);
            for (EncodedChunk edge : ChunkTable.edges(c, id, fromNs, toNs)) {
                boolean interior = edge.firstNs() >= fromNs && edge.lastNs() < toNs;
                if (!interior) {
                    long[] times = ChunkCodec.decodeTimes(edge);
                    int from = Times.lowerBound(times, 0, times.length, fromNs);
                    count += Times.lowerBound(times, from, times.length, toNs) - from;
                }
            }
            return count;
        });
    }

    @Override
    public Optional<Sample> lastBefore(SignalKey key, long timeNs) {
        return Jdbc.withConnection(dataSource, "reading samples of " + key, c -> {
            EncodedChunk chunk = ChunkTable.lastStartingBefore(c, SignalTable.requireId(c, owner, key), timeNs);
            if (chunk == null) {
                return Optional.empty();
            }
            long[] times = ChunkCodec.decodeTimes(chunk);
            int i = Times.lowerBound(times, 0, times.length, timeNs) - 1;
            return Optional.of(new Sample(times[i], ChunkCodec.valueAt(chunk, i)));
        });
    }

    @Override
    public Optional<Sample> firstAtOrAfter(SignalKey key, long timeNs) {
        return Jdbc.withConnection(dataSource, "reading samples of " + key, c -> {
            long id = SignalTable.requireId(c, owner, key);
            long start = ChunkTable.startOfRange(c, id, timeNs);
            List<EncodedChunk> chunks = ChunkTable.startingIn(c, id, start, Long.MAX_VALUE, 1);
            if (chunks.isEmpty()) {
                return Optional.empty();
            }
            EncodedChunk chunk = chunks.get(0);
            long[] times = ChunkCodec.decodeTimes(chunk);
            int i = Times.lowerBound(times, 0, times.length, timeNs);
            return Optional.of(new Sample(times[i], ChunkCodec.valueAt(chunk, i)));
        });
    }
}
