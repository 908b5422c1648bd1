package com.speeddata.pivot.export;

/** Where a cell's value came from: the contract's {@code quality} flags, one uint8 per cell. */
public final class CellQuality {
    public static final byte OBSERVED = 0;
    public static final byte FILLED = 1;
    public static final byte MISSING = 2;
    /** CF {@code flag_meanings}, in the order of {@code flag_values} 0, 1, 2. */
    public static final String FLAG_MEANINGS = "observed filled missing";

    private CellQuality() {}
}
