package com.speeddata.pivot.export;

import com.speeddata.pivot.catalog.SignalKey;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * What one aligned signal of an export was made of: the export receipt of the contract. Every cell is exactly one
 * of observed (one or more stored samples in it), filled (no sample, a value from its neighbours) or missing (NaN).
 *
 * @param samplesRead stored samples inside the range that went into cells
 * @param firstSampleNs the earliest stored sample whose value is in an observed or filled cell (it may lie before
 *                      the range, when a fill took it from there); empty when there is none
 * @param lastSampleNs  the latest such sample; empty when there is none
 * @param maxGapNs      the gap limit that applied, requested or the contract's default
 */
public record SignalReceipt(
        SignalKey key,
        Fill fill,
        Aggregate aggregate,
        long maxGapNs,
        long samplesRead,
        long observedCells,
        long filledCells,
        long missingCells,
        OptionalLong firstSampleNs,
        OptionalLong lastSampleNs) {
    public SignalReceipt {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(fill, "fill");
        Objects.requireNonNull(aggregate, "aggregate");
        Objects.requireNonNull(firstSampleNs, "firstSampleNs");
        Objects.requireNonNull(lastSampleNs, "lastSampleNs");
        if (samplesRead < 0 || observedCells < 0 || filledCells < 0 || missingCells < 0 || maxGapNs < 0) {
            throw new IllegalArgumentException("negative count in the receipt of " + key);
        }
        if (firstSampleNs.isPresent() != lastSampleNs.isPresent()) {
            throw new IllegalArgumentException("first and last sample of " + key + " must both be known or neither");
        }
    }

    public long cells() {
        return observedCells + filledCells + missingCells;
    }
}
