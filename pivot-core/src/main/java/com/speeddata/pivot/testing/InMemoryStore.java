package com.speeddata.pivot.testing;

import com.speeddata.pivot.UnknownNamesException;
import com.speeddata.pivot.catalog.Catalog;
import com.speeddata.pivot.catalog.SignalDefinition;
import com.speeddata.pivot.catalog.SignalInfo;
import com.speeddata.pivot.catalog.SignalKey;
import com.speeddata.pivot.catalog.SignalStats;
import com.speeddata.pivot.sample.Sample;
import com.speeddata.pivot.sample.SampleBlock;
import com.speeddata.pivot.sample.SampleCursor;
import com.speeddata.pivot.sample.SampleStore;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/** The reference catalog and sample store: plain sorted maps. Every storage adapter must behave like this. */
public final class InMemoryStore implements Catalog, SampleStore {
    private final Map<SignalKey, SignalDefinition> definitions = new TreeMap<>();
    private final Map<SignalKey, TreeMap<Long, Double>> samples = new TreeMap<>();
    /** The largest block a cursor returns unless a test asks for another. */
    public static final int DEFAULT_BLOCK_SIZE = 1000;

    private final int blockSize;

    public InMemoryStore() {
        this(DEFAULT_BLOCK_SIZE);
    }

    /** @param blockSize the largest block a cursor returns, small in tests to exercise block edges */
    public InMemoryStore(int blockSize) {
        if (blockSize < 1) {
            // A block size of 0 would end every cursor at once, silently losing every sample.
            throw new IllegalArgumentException("block size must be at least 1, not " + blockSize);
        }
        this.blockSize = blockSize;
    }

    @Override
    public synchronized boolean define(SignalDefinition definition) {
        samples.computeIfAbsent(definition.key(), k -> new TreeMap<>());
        return definitions.put(definition.key(), definition) == null;
    }

    @Override
    public synchronized Optional<SignalInfo> find(SignalKey key) {
        return Optional.ofNullable(definitions.get(key)).map(this::info);
    }

    @Override
    public synchronized List<SignalInfo> list() {
        return definitions.values().stream().map(this::info).toList();
    }

    @Override
    public synchronized List<SignalInfo> listChannel(String channel) {
        return definitions.values().stream()
                .filter(d -> d.key().channel().equals(channel))
                .map(this::info)
                .toList();
    }

    @Override
    public synchronized boolean delete(SignalKey key) {
        samples.remove(key);
        return definitions.remove(key) != null;
    }

    private SignalInfo info(SignalDefinition definition) {
        TreeMap<Long, Double> stored = samples.get(definition.key());
        SignalStats stats = stored.isEmpty()
                ? SignalStats.EMPTY
                : new SignalStats(stored.size(), stored.firstKey(), stored.lastKey());
        return new SignalInfo(definition, stats);
    }

    @Override
    public synchronized long write(SignalKey key, Iterator<SampleBlock> blocks) {
        NavigableMap<Long, Double> stored = signal(key);
        TreeMap<Long, Double> staged = new TreeMap<>();
        long accepted = 0;
        while (blocks.hasNext()) {
            SampleBlock block = blocks.next();
            for (int i = 0; i < block.size(); i++) {
                staged.put(block.times()[i], block.values()[i]);
            }
            accepted += block.size();
        }
        stored.putAll(staged);
        return accepted;
    }

    @Override
    public synchronized long delete(SignalKey key, long fromNs, long toNs) {
        NavigableMap<Long, Double> stored = signal(key);
        if (fromNs >= toNs) {
            return 0;
        }
        Map<Long, Double> range = stored.subMap(fromNs, true, toNs, false);
        long deleted = range.size();
        range.clear();
        return deleted;
    }

    @Override
    public synchronized SampleCursor read(SignalKey key, long fromNs, long toNs) {
        NavigableMap<Long, Double> stored = signal(key);
        Iterator<Map.Entry<Long, Double>> entries =
                new ArrayList<>(stored.subMap(fromNs, true, toNs, false).entrySet()).iterator();
        return new SampleCursor() {
            @Override
            public SampleBlock next() {
                if (entries.hasNext()) {
                    requireNotDeleted(key, stored);
                }
                List<Map.Entry<Long, Double>> chunk = new ArrayList<>();
                while (entries.hasNext() && chunk.size() < blockSize) {
                    chunk.add(entries.next());
                }
                if (chunk.isEmpty()) {
                    return null;
                }
                long[] times = new long[chunk.size()];
                double[] values = new double[chunk.size()];
                for (int i = 0; i < times.length; i++) {
                    times[i] = chunk.get(i).getKey();
                    values[i] = chunk.get(i).getValue();
                }
                return SampleBlock.withMeasuredSpacing(times, values);
            }

            @Override
            public void close() {}
        };
    }

    @Override
    public synchronized long count(SignalKey key, long fromNs, long toNs) {
        return signal(key).subMap(fromNs, true, toNs, false).size();
    }

    @Override
    public synchronized Optional<Sample> lastBefore(SignalKey key, long timeNs) {
        return Optional.ofNullable(signal(key).lowerEntry(timeNs)).map(e -> new Sample(e.getKey(), e.getValue()));
    }

    @Override
    public synchronized Optional<Sample> firstAtOrAfter(SignalKey key, long timeNs) {
        return Optional.ofNullable(signal(key).ceilingEntry(timeNs)).map(e -> new Sample(e.getKey(), e.getValue()));
    }

    /** Like the SQL stores, which notice a deleted signal at their next page: here at every block. */
    private synchronized void requireNotDeleted(SignalKey key, NavigableMap<Long, Double> stored) {
        if (samples.get(key) != stored) {
            throw new UnknownNamesException(List.of(key.path()));
        }
    }

    private NavigableMap<Long, Double> signal(SignalKey key) {
        TreeMap<Long, Double> stored = samples.get(key);
        if (stored == null) {
            throw new UnknownNamesException(List.of(key.path()));
        }
        return stored;
    }
}
