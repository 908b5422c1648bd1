package com.speeddata.pivot.sample;

import com.speeddata.pivot.catalog.SignalKey;
import java.util.Iterator;
import java.util.Optional;

/**
 * Out-port: stored samples, kept in chunks of many samples each.
 * Writes replace stored samples with the same timestamps and keep everything else.
 */
public interface SampleStore {

    /**
     * Stores every block atomically: if reading the blocks throws, nothing is stored. Blocks need not be
     * ordered relative to each other; within one block times increase strictly. When the same timestamp
     * appears twice, the later one wins. Updates the signal's statistics in the catalog.
     *
     * @return the number of samples accepted
     * @throws com.speeddata.pivot.UnknownNamesException when the signal is not defined
     */
    long write(SignalKey key, Iterator<SampleBlock> blocks);

    /**
     * Removes the samples with {@code fromNs <= time < toNs}, atomically, keeping every other sample; updates the
     * signal's statistics in the catalog. An empty or reversed range removes nothing.
     *
     * @return the number of samples removed
     * @throws com.speeddata.pivot.UnknownNamesException when the signal is not defined
     */
    long delete(SignalKey key, long fromNs, long toNs);

    /**
     * Samples with {@code fromNs <= time < toNs}, in time order. When the signal is deleted while the cursor is
     * open, the cursor may still return samples it had fetched before (a store may fetch ahead), then throws
     * {@link com.speeddata.pivot.UnknownNamesException} rather than end as if the signal had ended; it never returns
     * samples of a signal defined again under the same name.
     */
    SampleCursor read(SignalKey key, long fromNs, long toNs);

    /** How many samples lie in {@code [fromNs, toNs)}; reads at most the two chunks at the range's edges. */
    long count(SignalKey key, long fromNs, long toNs);

    /** The last sample strictly before {@code timeNs}. */
    Optional<Sample> lastBefore(SignalKey key, long timeNs);

    /** The first sample at or after {@code timeNs}. */
    Optional<Sample> firstAtOrAfter(SignalKey key, long timeNs);
}
